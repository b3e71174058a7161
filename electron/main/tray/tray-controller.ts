// Keeps the tray icon, tooltip, title and menu in step with the app. Electron comes in through
// the constructor, so the controller runs in plain Node under test.
import type { Locale } from '@shared/i18n/messages'
import { translator } from '@shared/i18n/translate'
import { isPausedAt, type PauseLength } from '../notify/notification-pause'
import { presentTray, type TrayIconName, type TrayInputs, type TrayView } from './tray-presenter'

export interface TrayActions {
  open(): void
  reconnect(): void
  pause(length: PauseLength): void
  resume(): void
  settings(): void
  openLogs(): void
  /** The sign-in window again, for the saved server. */
  signInAgain(): void
  quit(): void
}

/** `M` is Electron's Menu in the app; tests keep the template itself, to click its items. */
export type TrayPort<M> = Pick<Electron.Tray, 'setImage' | 'setToolTip' | 'setTitle'> & {
  setContextMenu(menu: M): void
  popUpContextMenu(menu: M): void
  on(event: 'click', listener: (event: Pick<Electron.KeyboardEvent, 'ctrlKey'>) => void): unknown
  on(event: 'right-click', listener: () => void): unknown
}

export interface TrayControllerOptions<M> {
  tray: TrayPort<M>
  buildMenu: (template: Electron.MenuItemConstructorOptions[]) => M
  iconPath: (icon: TrayIconName) => string
  actions: TrayActions
  platform: NodeJS.Platform
}

export class TrayController<M> {
  private view: TrayView | null = null
  private menuKey = ''
  private menu: M | null = null

  /**
   * A left click opens the popup everywhere it is reported. The menu: on macOS a menu set with
   * setContextMenu opens on every click, left ones too, so there it pops up on right click only.
   * Windows shows a set menu on right click alone. Linux keeps the set menu: an AppIndicator
   * tray never reports a click, so the menu (its first item opens the popup) is all there is.
   * A Control-click on a Mac trackpad arrives as a click with the Control key: the menu too.
   */
  constructor(private readonly options: TrayControllerOptions<M>) {
    const { tray, actions, platform } = options
    const popUpMenu = () => {
      if (this.menu) tray.popUpContextMenu(this.menu)
    }
    tray.on('click', (event) => {
      if (platform === 'darwin' && event.ctrlKey) popUpMenu()
      else actions.open()
    })
    if (platform === 'darwin') tray.on('right-click', popUpMenu)
  }

  /** Cheap to call on every change: the tray is only touched where something differs. */
  update(inputs: TrayInputs): void {
    const next = presentTray(inputs)
    const { tray, iconPath } = this.options
    if (next.icon !== this.view?.icon) tray.setImage(iconPath(next.icon))
    if (next.tooltip !== this.view?.tooltip) tray.setToolTip(next.tooltip)
    if (next.title !== this.view?.title) tray.setTitle(next.title)
    this.view = next
    const paused = isPausedAt(inputs.pausedUntil, inputs.now)
    const menuKey = `${inputs.locale}:${paused}:${inputs.signInAgain}`
    if (menuKey !== this.menuKey) {
      this.menuKey = menuKey
      this.menu = this.options.buildMenu(this.menuTemplate(inputs.locale, paused, inputs.signInAgain))
      if (this.options.platform !== 'darwin') tray.setContextMenu(this.menu)
    }
  }

  private menuTemplate(
    locale: Locale,
    paused: boolean,
    signInAgain: boolean,
  ): Electron.MenuItemConstructorOptions[] {
    const t = translator(locale)
    const { actions } = this.options
    const signIn: Electron.MenuItemConstructorOptions[] = signInAgain
      ? [{ id: 'sign-in-again', label: t('tray.menu.signInAgain'), click: () => actions.signInAgain() }]
      : []
    return [
      { id: 'open', label: t('tray.menu.open'), click: () => actions.open() },
      ...signIn,
      { id: 'reconnect', label: t('tray.menu.reconnect'), click: () => actions.reconnect() },
      {
        id: 'pause',
        label: t('tray.menu.pause'),
        submenu: [
          { id: 'pause-hour', label: t('tray.menu.pause.hour'), click: () => actions.pause('hour') },
          {
            id: 'pause-tomorrow',
            label: t('tray.menu.pause.tomorrow'),
            click: () => actions.pause('tomorrow'),
          },
          {
            id: 'resume',
            label: t('tray.menu.pause.resume'),
            enabled: paused,
            click: () => actions.resume(),
          },
        ],
      },
      { type: 'separator' },
      { id: 'settings', label: t('tray.menu.settings'), click: () => actions.settings() },
      { id: 'logs', label: t('tray.menu.logs'), click: () => actions.openLogs() },
      { type: 'separator' },
      { id: 'quit', label: t('tray.menu.quit'), click: () => actions.quit() },
    ]
  }
}
