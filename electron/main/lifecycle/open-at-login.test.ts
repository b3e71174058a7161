import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { App, Settings } from 'electron'
import { afterEach, describe, expect, it } from 'vitest'
import { silentLogger } from '../log/logger'
import {
  AUTOSTART_FILE,
  applyOpenAtLogin,
  autostartPath,
  execArgument,
  linuxLaunchTarget,
} from './open-at-login'
import { APP_USER_MODEL_ID } from './windows-toasts'

const { desktopName } = JSON.parse(
  readFileSync(resolve(import.meta.dirname, '../../../package.json'), 'utf8'),
) as { desktopName: string }
/** What builds before the autostart entry was named after desktopName wrote. */
const EARLIER_AUTOSTART_FILE = 'scrum4me-notifier.desktop'

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

function fakeApp() {
  const calls: Settings[] = []
  const app = {
    setLoginItemSettings: (settings: Settings) => {
      calls.push(settings)
    },
  } satisfies Pick<App, 'setLoginItemSettings'>
  return { app, calls }
}

const DEB_EXECUTABLE = '/opt/Scrum4Me Notifier/scrum4me-notifier'

function linux(openAtLogin: boolean, home: string, env: NodeJS.ProcessEnv = {}, isPackaged = true) {
  const { app, calls } = fakeApp()
  const executable = DEB_EXECUTABLE
  applyOpenAtLogin({
    openAtLogin,
    platform: 'linux',
    isPackaged,
    app,
    executable,
    env,
    home,
    log: silentLogger,
  })
  return calls
}

function tempHome(): string {
  const dir = mkdtempSync(join(tmpdir(), 's4m-login-'))
  dirs.push(dir)
  return dir
}

const entryFor = (exec: string) =>
  [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Scrum4Me Notifier',
    `Exec=${exec}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n')

describe('applyOpenAtLogin', () => {
  it('registers the installed app on macOS: the running bundle, no path (a Windows-only option)', () => {
    const { app, calls } = fakeApp()
    const options = {
      platform: 'darwin',
      isPackaged: true,
      app,
      executable: '/Applications/x',
      env: {},
    } as const
    applyOpenAtLogin({ ...options, home: '/nowhere', log: silentLogger, openAtLogin: true })
    applyOpenAtLogin({ ...options, home: '/nowhere', log: silentLogger, openAtLogin: false })
    expect(calls).toEqual([{ openAtLogin: true }, { openAtLogin: false }])
  })

  it("registers the installed app's own executable on Windows", () => {
    const { app, calls } = fakeApp()
    const executable = 'C:\\Users\\u\\AppData\\Local\\Programs\\Scrum4Me Notifier\\Scrum4Me Notifier.exe'
    const options = {
      platform: 'win32',
      isPackaged: true,
      app,
      executable,
      env: {},
      home: 'C:\\Users\\u',
    } as const
    applyOpenAtLogin({ ...options, log: silentLogger, openAtLogin: true })
    applyOpenAtLogin({ ...options, log: silentLogger, openAtLogin: false })
    expect(calls).toEqual([
      { openAtLogin: true, path: executable, args: [], name: APP_USER_MODEL_ID },
      { openAtLogin: false, path: executable, args: [], name: APP_USER_MODEL_ID },
    ])
  })

  it("never touches login items from a development run, so the installed app's entry stays", () => {
    for (const platform of ['darwin', 'win32'] as const) {
      const { app, calls } = fakeApp()
      const options = { platform, isPackaged: false, app, executable: '/electron', env: {}, home: '/nowhere' }
      applyOpenAtLogin({ ...options, log: silentLogger, openAtLogin: true })
      applyOpenAtLogin({ ...options, log: silentLogger, openAtLogin: false })
      expect(calls, platform).toEqual([])
    }
    const home = tempHome()
    const path = join(home, '.config', 'autostart', AUTOSTART_FILE)
    linux(true, home)
    const installed = readFileSync(path, 'utf8')
    const electron = { APPIMAGE: undefined }
    linux(true, home, electron, false)
    expect(readFileSync(path, 'utf8')).toBe(installed)
    linux(false, home, electron, false)
    expect(readFileSync(path, 'utf8')).toBe(installed)
  })

  it('writes an XDG autostart entry for the deb under ~/.config on Linux, and removes it when turned off', () => {
    const home = tempHome()
    const path = join(home, '.config', 'autostart', AUTOSTART_FILE)
    expect(linux(true, home)).toEqual([])
    expect(readFileSync(path, 'utf8')).toBe(entryFor('"/opt/Scrum4Me Notifier/scrum4me-notifier"'))
    expect(statSync(path).mode & 0o777).toBe(0o644)
    // Written through a temp file that does not stay behind.
    expect(readdirSync(join(home, '.config', 'autostart'))).toEqual([AUTOSTART_FILE])
    linux(true, home)
    expect(existsSync(path)).toBe(true)
    linux(false, home)
    expect(existsSync(path)).toBe(false)
    linux(false, home)
  })

  it("names the autostart entry after package.json's desktopName, the app id the desktop portal reads from it", () => {
    // GNOME names the app's process scope after the autostart file, and xdg-desktop-portal takes the
    // app id from that scope: any other name hides the installed com.scrum4me.notifier.desktop.
    expect(AUTOSTART_FILE).toBe(desktopName)
  })

  it("removes an earlier build's differently named entry, so the app does not start twice", () => {
    for (const openAtLogin of [true, false]) {
      const home = tempHome()
      const autostart = join(home, '.config', 'autostart')
      mkdirSync(autostart, { recursive: true })
      writeFileSync(join(autostart, EARLIER_AUTOSTART_FILE), entryFor('"/opt/old/scrum4me-notifier"'))
      linux(openAtLogin, home)
      expect(readdirSync(autostart), String(openAtLogin)).toEqual(openAtLogin ? [AUTOSTART_FILE] : [])
    }
  })

  it("leaves an earlier build's entry alone in a development run, as it does every login item", () => {
    const home = tempHome()
    const autostart = join(home, '.config', 'autostart')
    mkdirSync(autostart, { recursive: true })
    writeFileSync(join(autostart, EARLIER_AUTOSTART_FILE), entryFor('"/opt/old/scrum4me-notifier"'))
    linux(false, home, {}, false)
    expect(readdirSync(autostart)).toEqual([EARLIER_AUTOSTART_FILE])
  })

  it('starts the AppImage file, not its temporary mount', () => {
    const home = tempHome()
    linux(true, home, { APPIMAGE: '/home/u/Apps/Scrum4Me Notifier-0.1.0.AppImage' })
    expect(readFileSync(join(home, '.config', 'autostart', AUTOSTART_FILE), 'utf8')).toBe(
      entryFor('"/home/u/Apps/Scrum4Me Notifier-0.1.0.AppImage"'),
    )
    expect(linuxLaunchTarget(DEB_EXECUTABLE, { APPIMAGE: 'relative.AppImage' })).toBe(DEB_EXECUTABLE)
  })

  it('respects an absolute XDG_CONFIG_HOME and ignores a relative one', () => {
    const home = tempHome()
    const config = join(home, 'cfg')
    linux(true, home, { XDG_CONFIG_HOME: config })
    expect(existsSync(join(config, 'autostart', AUTOSTART_FILE))).toBe(true)
    expect(autostartPath({ XDG_CONFIG_HOME: 'cfg' }, home)).toBe(
      join(home, '.config', 'autostart', AUTOSTART_FILE),
    )
  })

  it('warns instead of throwing when the autostart folder cannot be made', () => {
    const home = tempHome()
    const blocker = join(home, 'file')
    writeFileSync(blocker, '')
    const warnings: string[] = []
    const log = { ...silentLogger, warn: (message: string) => void warnings.push(message) }
    const { app } = fakeApp()
    const env = { XDG_CONFIG_HOME: blocker }
    applyOpenAtLogin({
      openAtLogin: true,
      platform: 'linux',
      isPackaged: true,
      app,
      executable: 'x',
      env,
      home,
      log,
    })
    expect(warnings).toEqual(['login: could not change open-at-login; the app keeps running as is'])
  })
})

describe('execArgument', () => {
  it('quotes per the Desktop Entry spec', () => {
    expect(execArgument('/usr/bin/app')).toBe('"/usr/bin/app"')
    expect(execArgument('/a b/"x"$y`z')).toBe('"/a b/\\\\"x\\\\"\\\\$y\\\\`z"')
    expect(execArgument('C:\\odd')).toBe('"C:\\\\\\\\odd"')
    expect(execArgument('/100%/app')).toBe('"/100%%/app"')
    expect(() => execArgument('/a\nb')).toThrow(/line break/)
  })
})
