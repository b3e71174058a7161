// electron-builder.yml is only used on release machines, so CI checks it here: with electron-builder's
// own loader and schema validator, plus the choices a schema cannot see.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { Configuration } from 'app-builder-lib'
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config'
import type { DebugLogger } from 'builder-util'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  APP_USER_MODEL_ID,
  identifyForWindowsToasts,
  TOAST_ACTIVATOR_CLSID,
} from '../../electron/main/lifecycle/windows-toasts'
import type { TrayIconName } from '../../electron/main/tray/tray-presenter'
import { APP_ICON_SIZES, TRAY_ICONS, TRAY_SCALES } from '../../scripts/render-icons'

const ROOT = resolve(import.meta.dirname, '../..')
const quietDebugLogger = { isEnabled: false, add: () => {} } as unknown as DebugLogger

/**
 * Every tray icon lifecycle/startup.ts can ask for; `satisfies` fails tsc when TrayIconName gains or
 * loses a name.
 */
const TRAY_ICON_NAMES = Object.keys({
  'tray-connectedTemplate': true,
  'tray-offlineTemplate': true,
  'tray-failed': true,
  'tray-pausedTemplate': true,
  'tray-connected-1': true,
  'tray-connected-2': true,
  'tray-connected-3': true,
  'tray-connected-4': true,
  'tray-connected-5': true,
  'tray-connected-6': true,
  'tray-connected-7': true,
  'tray-connected-8': true,
  'tray-connected-9': true,
  'tray-connected-9plus': true,
} satisfies Record<TrayIconName, true>)

let config: Configuration

beforeAll(async () => {
  config = await getConfig(ROOT, join(ROOT, 'electron-builder.yml'), null)
})

/** The validator coerces types in place, so each run gets its own copy. */
const validate = (candidate: unknown) =>
  validateConfiguration(structuredClone(candidate) as Configuration, quietDebugLogger)

describe('electron-builder.yml', () => {
  it("passes electron-builder's own schema", async () => {
    await expect(validate(config)).resolves.toBeUndefined()
  })

  it('would fail that schema when broken', async () => {
    const typo = { ...config, electronFuses: { ...config.electronFuses, runAsNod: false } }
    await expect(validate(typo)).rejects.toThrow(/configuration\.electronFuses /)
    const wrongType = { ...config, nsis: { ...config.nsis, oneClick: 'sometimes' } }
    await expect(validate(wrongType)).rejects.toThrow(/configuration\.nsis\.oneClick/)
  })

  it('hardens the binary with fuses', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
      // Flipping fuses breaks the ad-hoc signature; without a fresh one an unsigned build does not
      // launch on Apple Silicon.
      resetAdHocDarwinSignature: true,
    })
  })

  it('unpacks both native modules from the asar', () => {
    expect(config.asar).not.toBe(false)
    expect(config.asarUnpack).toEqual(
      expect.arrayContaining(['node_modules/better-sqlite3/**', 'node_modules/@napi-rs/**']),
    )
  })

  it('keeps the tray app out of the macOS Dock, and ships the zip macOS updates need', () => {
    expect(config.mac?.extendInfo).toMatchObject({ LSUIElement: true })
    expect(config.mac?.target).toEqual(['dmg', 'zip'])
  })

  it('asks macOS for alert-style notifications, the style that shows option buttons', () => {
    expect(config.mac?.extendInfo).toMatchObject({ NSUserNotificationAlertStyle: 'alert' })
  })

  it("installs a .desktop file named after package.json's reverse-DNS desktopName (Wayland portals look it up)", () => {
    const { desktopName } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      desktopName?: string
    }
    // Electron uses desktopName as the Wayland app_id and X11 WM_CLASS; the shortcut portal and the
    // dock match it to an installed .desktop file of that name.
    expect(desktopName).toBe(`${config.appId}.desktop`)
    expect(config.linux?.syncDesktopName).toBe(true)
    // No hand-written StartupWMClass that could drift from it: electron-builder derives it.
    expect(config.linux?.desktop?.entry?.StartupWMClass).toBeUndefined()
  })

  it("ships electron-builder's AppArmor profile with the deb (Ubuntu 24.04+ blocks the sandbox without it)", () => {
    // Not overridden anywhere, so the deb's after-install script installs the default profile.
    expect(config.deb?.afterInstall).toBeUndefined()
    expect(config.deb?.appArmorProfile).toBeUndefined()
    const templates = join(ROOT, 'node_modules/app-builder-lib/templates/linux')
    // Guards an electron-builder upgrade that stops doing this.
    expect(readFileSync(join(templates, 'apparmor-profile.tpl'), 'utf8')).toMatch(/^\s*userns,$/m)
    expect(readFileSync(join(templates, 'after-install.tpl'), 'utf8')).toContain(
      `APPARMOR_PROFILE_TARGET='/etc/apparmor.d/$\{executable}'`,
    )
    // The sandbox stays on: no --no-sandbox anywhere in the launch line.
    expect(JSON.stringify(config.linux?.executableArgs ?? [])).not.toContain('sandbox')
  })

  it('builds AppImage and deb with a maintainer, and a per-user NSIS installer', () => {
    expect(config.linux?.target).toEqual(['AppImage', 'deb'])
    expect(config.linux?.maintainer).toMatch(/<.+@.+>/)
    expect(config.linux?.category).toBeTruthy()
    expect(config.win?.target).toBe('nsis')
    expect(config.nsis).toMatchObject({ perMachine: false, createStartMenuShortcut: true })
  })

  it('names no update feed unless the build is given one, and then that one', async () => {
    // No guessed feed either: without the key electron-builder would derive one from the repository.
    expect(config.publish).toBeNull()
    const feed = { provider: 'generic', url: 'https://updates.example.com/notifier/' } as const
    // What `-c.publish.provider=generic -c.publish.url=…` on the command line hands to the loader.
    const own = await getConfig(ROOT, join(ROOT, 'electron-builder.yml'), { publish: feed })
    expect(own.publish).toEqual(feed)
    await expect(validate(own)).resolves.toBeUndefined()
  })

  it('names only files that exist', () => {
    const named = [config.linux?.icon, config.mac?.icon, config.win?.icon, config.nsis?.include]
    for (const file of named) {
      expect(file).toEqual(expect.any(String))
      expect(existsSync(join(ROOT, file as string)), `${file}`).toBe(true)
    }
  })

  it('packs the icons lifecycle/startup.ts loads from the app path, outside buildResources', () => {
    // The loader normalises `files` to [{ filter: [...] }].
    const patterns = JSON.stringify(config.files)
    expect(patterns).toContain('"resources/icons/*.png"')
    expect(patterns).toContain('"out/**"')
    expect(config.directories?.buildResources).toBe('resources/build')
  })
})

describe('icons', () => {
  it('renders exactly the tray icons the tray can ask for', () => {
    expect(TRAY_ICONS.map((icon) => icon.name).sort()).toEqual([...TRAY_ICON_NAMES].sort())
  })

  it('has every tray icon at every scale, and every app icon size', () => {
    const files = [
      ...TRAY_ICONS.flatMap(({ name }) => TRAY_SCALES.map(({ suffix }) => `${name}${suffix}.png`)),
      ...APP_ICON_SIZES.map((size) => `app-${size}.png`),
    ]
    const missing = files.filter((file) => !existsSync(join(ROOT, 'resources/icons', file)))
    expect(missing).toEqual([])
  })

  it('renders each tray scale at its pixel size', () => {
    // PNG: width and height are big-endian at bytes 16 and 20.
    for (const { suffix, size } of TRAY_SCALES) {
      const png = readFileSync(join(ROOT, 'resources/icons', `tray-connectedTemplate${suffix}.png`))
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([size, size])
    }
  })
})

describe('Windows toasts', () => {
  it('uses the appId as AppUserModelID, which the NSIS installer stamps into the Start-menu shortcut', () => {
    expect(config.appId).toBe(APP_USER_MODEL_ID)
    // Guards an electron-builder upgrade that stops doing this.
    const template = readFileSync(
      join(ROOT, 'node_modules/app-builder-lib/templates/nsis/include/installer.nsh'),
      'utf8',
    )
    // NSIS's own ${APP_ID} define, not a JavaScript placeholder.
    expect(template).toContain(`WinShell::SetLnkAUMI "$newStartMenuLink" "$\{APP_ID}"`)
  })

  it('has one fixed activator CLSID, which the uninstaller cleans up', () => {
    expect(TOAST_ACTIVATOR_CLSID).toMatch(
      /^\{[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}\}$/,
    )
    const include = readFileSync(join(ROOT, config.nsis?.include as string), 'utf8')
    expect(include).toContain(`DeleteRegKey HKCU "Software\\Classes\\CLSID\\${TOAST_ACTIVATOR_CLSID}"`)
  })

  it('sets the CLSID before the AppUserModelID', () => {
    const calls: string[] = []
    identifyForWindowsToasts({
      setToastActivatorCLSID: (id) => calls.push(`clsid ${id}`),
      setAppUserModelId: (id) => calls.push(`aumid ${id}`),
    })
    expect(calls).toEqual([`clsid ${TOAST_ACTIVATOR_CLSID}`, `aumid ${APP_USER_MODEL_ID}`])
  })
})

describe('postinstall', () => {
  it('keeps the Node-ABI build, quickly, when the install skips Electron', () => {
    const started = Date.now()
    const run = spawnSync(process.execPath, [join(ROOT, 'scripts/postinstall.mjs')], {
      env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' },
      encoding: 'utf8',
    })
    expect(run.status).toBe(0)
    expect(run.stdout.trim().split('\n')).toEqual([expect.stringMatching(/^postinstall: .*keeping Node-ABI/)])
    expect(Date.now() - started).toBeLessThan(5000)
  })
})
