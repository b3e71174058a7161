import { describe, expect, it } from 'vitest'
import { popupCanBePlaced } from './display-server'

describe('popupCanBePlaced', () => {
  it('is false for a native Wayland window: the compositor places it, and the cursor is unknown', () => {
    expect(popupCanBePlaced({ platform: 'linux', env: { XDG_SESSION_TYPE: 'wayland' } })).toBe(false)
    expect(popupCanBePlaced({ platform: 'linux', env: { WAYLAND_DISPLAY: 'wayland-0' } })).toBe(false)
    expect(popupCanBePlaced({ platform: 'linux', env: { DISPLAY: ':0' }, ozonePlatform: 'wayland' })).toBe(
      false,
    )
  })

  it('is true under X11 or XWayland (--ozone-platform=x11), and on macOS and Windows', () => {
    expect(popupCanBePlaced({ platform: 'linux', env: { XDG_SESSION_TYPE: 'x11', DISPLAY: ':0' } })).toBe(
      true,
    )
    expect(
      popupCanBePlaced({
        platform: 'linux',
        env: { XDG_SESSION_TYPE: 'wayland', WAYLAND_DISPLAY: 'wayland-0' },
        ozonePlatform: 'x11',
      }),
    ).toBe(true)
    expect(popupCanBePlaced({ platform: 'darwin', env: { WAYLAND_DISPLAY: 'x' } })).toBe(true)
    expect(popupCanBePlaced({ platform: 'win32', env: {} })).toBe(true)
  })
})
