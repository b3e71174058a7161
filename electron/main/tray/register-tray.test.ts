import { describe, expect, it } from 'vitest'
import { registerTray, type TrayPorts } from './register-tray'
import type { TrayInputs } from './tray-presenter'

type Template = Electron.MenuItemConstructorOptions[]

function setup(platform: NodeJS.Platform) {
  const calls: string[] = []
  const tray = {
    setImage: (image: Electron.NativeImage | string) => calls.push(`image ${String(image)}`),
    setToolTip: () => {},
    setTitle: (title: string) => calls.push(`title ${title}`),
    setContextMenu: () => {},
    popUpContextMenu: () => {},
    on: () => {},
    destroy: () => calls.push('destroy'),
  } satisfies TrayPorts<Template>['tray']
  const opened: string[] = []
  const registration = registerTray({
    tray,
    buildMenu: (template) => template,
    iconPath: (icon) => icon,
    actions: {
      open: () => opened.push('open'),
      reconnect: () => {},
      pause: () => {},
      resume: () => {},
      settings: () => {},
      openLogs: () => {},
      signInAgain: () => {},
      quit: () => {},
    },
    platform,
  })
  return { registration, calls }
}

const NOW = Date.parse('2026-11-29T10:43:00Z')
const twoOpen: Omit<TrayInputs, 'countInIcon'> = {
  feed: { state: 'connected', since: NOW - 60_000 },
  openCount: 2,
  oldestAskedAt: null,
  pausedUntil: null,
  locale: 'en',
  signInAgain: false,
  now: NOW,
}

describe('registerTray', () => {
  it('draws the count into the icon where no title shows beside it', () => {
    const { registration, calls } = setup('linux')
    registration.render(twoOpen)
    expect(calls.filter((call) => call.startsWith('image'))).toEqual(['image tray-connected-2'])
  })

  it('shows the count as the title in the macOS menu bar, on the plain icon', () => {
    const { registration, calls } = setup('darwin')
    registration.render(twoOpen)
    expect(calls).toEqual(['image tray-connectedTemplate', 'title 2'])
  })

  it('destroys the tray icon when disposed', () => {
    const { registration, calls } = setup('linux')
    registration.dispose()
    expect(calls).toEqual(['destroy'])
  })
})
