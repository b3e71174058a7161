import { describe, expect, it } from 'vitest'
import { popupPosition } from './popup-position'

const size = { width: 400, height: 500 }
const fullHd = { x: 0, y: 25, width: 1920, height: 1055 }
const noBounds = { x: 0, y: 0, width: 0, height: 0 }

describe('popupPosition', () => {
  it('hangs below a menu-bar icon, centred on it (macOS, GNOME with bounds)', () => {
    const trayBounds = { x: 1500, y: 0, width: 24, height: 24 }
    expect(popupPosition({ trayBounds, workArea: fullHd, size, platform: 'darwin' })).toEqual({
      x: 1312,
      y: 28,
    })
  })

  it('sits above a taskbar icon (Windows)', () => {
    const workArea = { x: 0, y: 0, width: 1920, height: 1040 }
    const trayBounds = { x: 1700, y: 1045, width: 32, height: 32 }
    expect(popupPosition({ trayBounds, workArea, size, platform: 'win32' })).toEqual({ x: 1512, y: 540 })
  })

  it('stays inside the work area next to a corner icon', () => {
    const trayBounds = { x: 1900, y: 0, width: 20, height: 24 }
    expect(popupPosition({ trayBounds, workArea: fullHd, size, platform: 'darwin' })).toEqual({
      x: 1512,
      y: 28,
    })
    const leftEdge = { x: 0, y: 0, width: 20, height: 24 }
    expect(popupPosition({ trayBounds: leftEdge, workArea: fullHd, size, platform: 'linux' }).x).toBe(8)
  })

  it('falls back to a corner of the work area when the tray gives no bounds (Wayland)', () => {
    expect(popupPosition({ trayBounds: noBounds, workArea: fullHd, size, platform: 'linux' })).toEqual({
      x: 1512,
      y: 33,
    })
    const workArea = { x: 0, y: 0, width: 1920, height: 1040 }
    expect(popupPosition({ trayBounds: noBounds, workArea, size, platform: 'win32' })).toEqual({
      x: 1512,
      y: 532,
    })
  })

  it('works on a second display', () => {
    const workArea = { x: 1920, y: 0, width: 1280, height: 1024 }
    expect(popupPosition({ trayBounds: noBounds, workArea, size, platform: 'linux' })).toEqual({
      x: 2792,
      y: 8,
    })
  })
})
