import { describe, expect, it } from 'vitest'
import { TrayController, type TrayPort } from './tray-controller'
import type { TrayInputs } from './tray-presenter'

type Template = Electron.MenuItemConstructorOptions[]

function fakeTray() {
  const calls: [string, unknown][] = []
  let menu: Template = []
  const listeners = new Map<string, (event: Pick<Electron.KeyboardEvent, 'ctrlKey'>) => void>()
  const tray = {
    setImage: (image: Electron.NativeImage | string) => {
      calls.push(['setImage', image])
    },
    setToolTip: (toolTip: string) => {
      calls.push(['setToolTip', toolTip])
    },
    setTitle: (title: string) => {
      calls.push(['setTitle', title])
    },
    setContextMenu: (template: Template) => {
      calls.push(['setContextMenu', template.map((item) => item.id ?? item.type)])
      menu = template
    },
    popUpContextMenu: (template: Template) => {
      calls.push(['popUpContextMenu', template.map((item) => item.id ?? item.type)])
      menu = template
    },
    on: (
      event: 'click' | 'right-click',
      listener: (event: Pick<Electron.KeyboardEvent, 'ctrlKey'>) => void,
    ) => {
      listeners.set(event, listener)
    },
  } satisfies TrayPort<Template>
  /** What the OS reports; an event nobody listens to does nothing, as in Electron. */
  const press = (event: 'click' | 'right-click', ctrlKey = false) => listeners.get(event)?.({ ctrlKey })
  const item = (id: string): Electron.MenuItemConstructorOptions => {
    const all = menu.flatMap((entry) => [entry, ...((entry.submenu as Template | undefined) ?? [])])
    const found = all.find((entry) => entry.id === id)
    if (!found) throw new Error(`no menu item ${id}`)
    return found
  }
  const click = (id: string) => (item(id).click as () => void)()
  return { tray, calls, item, click, press }
}

function setup(platform: NodeJS.Platform = 'linux') {
  const fake = fakeTray()
  const actions: string[] = []
  const controller = new TrayController({
    tray: fake.tray,
    buildMenu: (template) => template,
    iconPath: (icon) => `/icons/${icon}.png`,
    actions: {
      open: () => actions.push('open'),
      reconnect: () => actions.push('reconnect'),
      pause: (length) => actions.push(`pause:${length}`),
      resume: () => actions.push('resume'),
      settings: () => actions.push('settings'),
      openLogs: () => actions.push('logs'),
      signInAgain: () => actions.push('sign-in-again'),
      quit: () => actions.push('quit'),
    },
    platform,
  })
  return { ...fake, controller, actions }
}

const NOW = Date.parse('2026-11-29T10:43:00Z')
const base: TrayInputs = {
  feed: { state: 'connected', since: NOW - 60_000 },
  openCount: 2,
  oldestAskedAt: null,
  pausedUntil: null,
  locale: 'en',
  now: NOW,
  signInAgain: false,
  timeZone: 'UTC',
}

describe('TrayController', () => {
  it('sets icon, tooltip, title and the full menu on the first update', () => {
    const { controller, calls, item } = setup()
    controller.update(base)
    expect(calls).toEqual([
      ['setImage', '/icons/tray-connectedTemplate.png'],
      ['setToolTip', '2 open questions'],
      ['setTitle', '2'],
      [
        'setContextMenu',
        ['open', 'reconnect', 'pause', 'separator', 'settings', 'logs', 'separator', 'quit'],
      ],
    ])
    expect(item('pause').submenu).toHaveLength(3)
    expect(item('resume').enabled).toBe(false)
    expect(item('open').label).toBe('Open')
  })

  it('touches only what changed', () => {
    const { controller, calls } = setup()
    controller.update(base)
    calls.length = 0
    controller.update(base)
    expect(calls).toEqual([])
    controller.update({ ...base, openCount: 3 })
    expect(calls).toEqual([
      ['setToolTip', '3 open questions'],
      ['setTitle', '3'],
    ])
    calls.length = 0
    controller.update({
      ...base,
      openCount: 3,
      feed: { state: 'disconnected', since: Date.parse('2026-11-29T10:42:00Z') },
    })
    expect(calls).toEqual([
      ['setImage', '/icons/tray-offlineTemplate.png'],
      ['setToolTip', '3 open questions · offline since 10:42'],
    ])
  })

  it('offers Resume only while paused, and rebuilds the menu when the pause ends', () => {
    const { controller, calls, item } = setup()
    const pausedUntil = NOW + 3_600_000
    controller.update({ ...base, pausedUntil })
    expect(item('resume').enabled).toBe(true)
    expect(calls).toContainEqual(['setImage', '/icons/tray-pausedTemplate.png'])
    calls.length = 0
    controller.update({ ...base, pausedUntil, now: pausedUntil })
    expect(item('resume').enabled).toBe(false)
    expect(calls.map(([name]) => name)).toEqual(['setImage', 'setToolTip', 'setContextMenu'])
  })

  it('offers "Sign in again…" only while signed out of a server, and it reaches the sign-in', () => {
    const { controller, click, item, actions, calls } = setup()
    controller.update(base)
    expect(() => item('sign-in-again')).toThrow(/no menu item/)
    const signedOut = { ...base, feed: { state: 'failed', failure: 'auth', since: NOW } } as const
    controller.update({ ...signedOut, signInAgain: true })
    expect(calls).toContainEqual(['setToolTip', '2 open questions · Signed out'])
    expect(item('sign-in-again').label).toBe('Sign in again…')
    click('sign-in-again')
    expect(actions).toEqual(['sign-in-again'])
    controller.update({ ...base, signInAgain: false })
    expect(() => item('sign-in-again')).toThrow(/no menu item/)
  })

  it('routes every menu item to its action', () => {
    const { controller, click, actions } = setup()
    controller.update({ ...base, pausedUntil: NOW + 1000 })
    for (const id of [
      'open',
      'reconnect',
      'pause-hour',
      'pause-tomorrow',
      'resume',
      'settings',
      'logs',
      'quit',
    ])
      click(id)
    expect(actions).toEqual([
      'open',
      'reconnect',
      'pause:hour',
      'pause:tomorrow',
      'resume',
      'settings',
      'logs',
      'quit',
    ])
  })

  it('relabels the menu when the locale changes', () => {
    const { controller, item } = setup()
    controller.update(base)
    controller.update({ ...base, locale: 'nl' })
    expect(item('open').label).toBe('Openen')
    expect(item('quit').label).toBe('Afsluiten')
    expect(item('pause-hour').label).toBe('Een uur')
  })

  describe('clicks, per platform', () => {
    const menuIds = ['open', 'reconnect', 'pause', 'separator', 'settings', 'logs', 'separator', 'quit']

    it('on macOS, a left click opens the popup only and a right click pops up the menu', () => {
      const { controller, calls, press, actions, click } = setup('darwin')
      controller.update(base)
      expect(calls.map(([name]) => name)).not.toContain('setContextMenu')
      press('click')
      expect(actions).toEqual(['open'])
      expect(calls.map(([name]) => name)).not.toContain('popUpContextMenu')
      press('right-click')
      expect(calls.at(-1)).toEqual(['popUpContextMenu', menuIds])
      expect(actions).toEqual(['open'])
      click('settings')
      expect(actions).toEqual(['open', 'settings'])
      controller.update({ ...base, locale: 'nl' })
      press('right-click')
      expect(calls.filter(([name]) => name === 'popUpContextMenu')).toHaveLength(2)
      // Control-click on a trackpad arrives as a click with the Control key: the menu, not the popup.
      press('click', true)
      expect(calls.filter(([name]) => name === 'popUpContextMenu')).toHaveLength(3)
      expect(actions).toEqual(['open', 'settings'])
      expect(calls.map(([name]) => name)).not.toContain('setContextMenu')
    })

    it('on Windows and Linux, sets the menu (right click there) and opens the popup on a left click', () => {
      for (const platform of ['win32', 'linux'] as const) {
        const { controller, calls, press, actions, click } = setup(platform)
        controller.update(base)
        expect(calls).toContainEqual(['setContextMenu', menuIds])
        press('click')
        expect(actions).toEqual(['open'])
        press('right-click')
        expect(calls.map(([name]) => name)).not.toContain('popUpContextMenu')
        // Linux with AppIndicator never reports the click: the menu's first item opens the popup.
        click('open')
        expect(actions).toEqual(['open', 'open'])
      }
    })
  })
})
