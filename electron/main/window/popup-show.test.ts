import type { BrowserWindow, VisibleOnAllWorkspacesOptions } from 'electron'
import { describe, expect, it } from 'vitest'
import { type PopupSurface, presentPopup } from './popup-show'

/** Records the calls the popup makes on its window, in order. */
function fakeWindow() {
  const calls: string[] = []
  const window = {
    setVisibleOnAllWorkspaces: (visible: boolean, options?: VisibleOnAllWorkspacesOptions) => {
      calls.push(`allWorkspaces:${visible}:${JSON.stringify(options)}`)
    },
    setPosition: (x: number, y: number) => {
      calls.push(`position:${x},${y}`)
    },
    show: () => {
      calls.push('show')
    },
    focus: () => {
      calls.push('focus')
    },
    webContents: {
      focus: () => {
        calls.push('focus page')
      },
    },
  } satisfies PopupSurface & Pick<BrowserWindow, 'setPosition'>
  return { window, calls }
}

describe('presentPopup', () => {
  it('on macOS, joins the current Space and full-screen apps before it shows, then takes the keys', () => {
    const { window, calls } = fakeWindow()
    let activated = 0
    presentPopup(window, { platform: 'darwin', position: [10, 20], activateApp: () => activated++ })
    expect(calls).toEqual([
      'allWorkspaces:true:{"visibleOnFullScreen":true,"skipTransformProcessType":true}',
      'position:10,20',
      'show',
      'focus',
      'focus page',
    ])
    expect(activated).toBe(1)
  })

  it('on Wayland, does not try to place the window, and still focuses the page for the keys', () => {
    const { window, calls } = fakeWindow()
    presentPopup(window, { platform: 'linux', position: null })
    expect(calls).toEqual(['show', 'focus', 'focus page'])
  })

  it('on Windows and X11, places it and focuses the page', () => {
    const { window, calls } = fakeWindow()
    presentPopup(window, { platform: 'win32', position: [1, 2] })
    expect(calls).toEqual(['position:1,2', 'show', 'focus', 'focus page'])
  })
})
