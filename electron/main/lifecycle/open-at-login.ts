// Starts the app when the user logs in. macOS and Windows keep a login-item list that Electron
// edits; Linux desktops read XDG autostart entries, which we write ourselves.
//
// Only the installed app registers itself. A development run (`npm start`) would register bare
// Electron (process.execPath, or Electron.app on macOS), and because the entry's name is the same
// (the Windows Run value is named after the AppUserModelId; the Linux file is AUTOSTART_FILE), it would
// overwrite or remove the installed app's own entry. So unpackaged runs leave login items alone.
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import type { App } from 'electron'
import type { Logger } from '../log/logger'
import { APP_USER_MODEL_ID } from './windows-toasts'

/**
 * package.json's desktopName. GNOME names the app's process scope after the autostart file it was
 * started from, and xdg-desktop-portal reads the app id from that scope, so the portal (the Wayland
 * shortcut) finds the installed com.scrum4me.notifier.desktop only under this name.
 */
export const AUTOSTART_FILE = 'com.scrum4me.notifier.desktop'
/** The name earlier builds used; left in place it would start the app a second time. */
const EARLIER_AUTOSTART_FILE = 'scrum4me-notifier.desktop'

export interface OpenAtLoginOptions {
  openAtLogin: boolean
  platform: NodeJS.Platform
  /** app.isPackaged: false for `npm start` / `npm run dev`, which must not touch the login items. */
  isPackaged: boolean
  app: Pick<App, 'setLoginItemSettings'>
  /** app.getPath('exe'). On Linux an AppImage's APPIMAGE (from env) wins over it. */
  executable: string
  env: NodeJS.ProcessEnv
  home: string
  log: Logger
}

/** Never throws: failing to register is worth a warning, not a crash. */
export function applyOpenAtLogin(options: OpenAtLoginOptions): void {
  const { openAtLogin, platform, log } = options
  if (!options.isPackaged) {
    log.info('login: open at login is left to the installed app; this development run registers nothing', {
      openAtLogin,
    })
    return
  }
  try {
    if (platform === 'win32') {
      // The Run entry: its command line (Electron's default, process.execPath, is the same file here,
      // but saying so keeps it right), under the name the installed app has always used (Electron's
      // default, the AppUserModelId, which is only ours once identifyForWindowsToasts has run).
      const entry = { path: options.executable, args: [], name: APP_USER_MODEL_ID }
      options.app.setLoginItemSettings({ openAtLogin, ...entry })
    } else if (platform === 'darwin') {
      // macOS registers the running app bundle itself; `path` and `args` are Windows-only.
      options.app.setLoginItemSettings({ openAtLogin })
    } else {
      const path = autostartPath(options.env, options.home)
      if (openAtLogin) writeAtomically(path, desktopEntry(linuxLaunchTarget(options.executable, options.env)))
      else rmSync(path, { force: true })
      rmSync(join(dirname(path), EARLIER_AUTOSTART_FILE), { force: true })
    }
  } catch (error) {
    log.warn('login: could not change open-at-login; the app keeps running as is', {
      openAtLogin,
      error: String(error),
    })
  }
}

/**
 * What the autostart entry starts: an AppImage runs from a temporary mount (which is what `exe` points
 * at), so the AppImage file itself, which its runtime names in APPIMAGE; otherwise (deb) the executable.
 */
export function linuxLaunchTarget(executable: string, env: NodeJS.ProcessEnv): string {
  return env.APPIMAGE?.startsWith('/') ? env.APPIMAGE : executable
}

export function autostartPath(env: NodeJS.ProcessEnv, home: string): string {
  // The XDG spec says a relative XDG_CONFIG_HOME is invalid and must be ignored.
  const configHome = env.XDG_CONFIG_HOME?.startsWith('/') ? env.XDG_CONFIG_HOME : join(home, '.config')
  return join(configHome, 'autostart', AUTOSTART_FILE)
}

function desktopEntry(executable: string): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Scrum4Me Notifier',
    `Exec=${execArgument(executable)}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n')
}

/**
 * One Exec argument per the Desktop Entry spec: double-quoted, with `"`, `` ` ``, `$` and `\`
 * backslash-escaped inside the quotes, then `\` escaped again as a string value, and `%` doubled so
 * it is not read as a field code.
 */
export function execArgument(argument: string): string {
  if (/[\n\r]/.test(argument)) throw new Error('an Exec argument cannot hold a line break')
  const quoted = `"${argument.replace(/["`$\\]/g, '\\$&')}"`
  return quoted.replace(/\\/g, '\\\\').replace(/%/g, '%%')
}

/** A crash mid-write leaves the old entry or none, never half a file the desktop would misread. */
function writeAtomically(path: string, content: string): void {
  try {
    if (readFileSync(path, 'utf8') === content) return
  } catch {
    // Not there yet: write it.
  }
  mkdirSync(dirname(path), { recursive: true })
  const temp = `${path}.${process.pid}.tmp`
  try {
    writeFileSync(temp, content, { mode: 0o644 })
    renameSync(temp, path)
  } catch (error) {
    rmSync(temp, { force: true })
    throw error
  }
}
