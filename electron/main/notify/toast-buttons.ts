// Whether the OS shows a toast's option buttons and reports which one was pressed.
// - Windows: yes, through the toast activator (lifecycle/windows-toasts.ts).
// - macOS: only for the packaged app signed with a real identity. macOS delivers notifications (and
//   their buttons) only to a signed app; an ad-hoc signature ("Signature=adhoc", no team) or none
//   gets plain notifications at best, and an unpackaged run is Electron's own bundle, not ours.
//   `codesign` is asked rather than trusting `app.isPackaged` alone, since an unsigned build is packaged too.
//   Without buttons the popup answers.
// - Linux: no (Electron reports no button presses there).
import { execFile } from 'node:child_process'

export interface ToastButtonsOptions {
  platform: NodeJS.Platform
  isPackaged: boolean
  /** `app.getPath('exe')`: codesign reads the signature of the bundle around it. */
  executable: string
  codesign?: string
  timeoutMs?: number
}

const TIMEOUT_MS = 3000

export async function toastButtonsSupported(options: ToastButtonsOptions): Promise<boolean> {
  if (options.platform === 'win32') return true
  if (options.platform !== 'darwin' || !options.isPackaged) return false
  return signedWithIdentity(options)
}

/** Never throws: codesign missing, failing or slow means "not signed". */
function signedWithIdentity(options: ToastButtonsOptions): Promise<boolean> {
  const timeout = options.timeoutMs ?? TIMEOUT_MS
  return new Promise((resolve) => {
    execFile(
      options.codesign ?? '/usr/bin/codesign',
      ['--display', '--verbose=2', options.executable],
      { timeout, killSignal: 'SIGKILL' },
      (error, _stdout, stderr) => {
        if (error) return resolve(false)
        const team = /^TeamIdentifier=(.+)$/m.exec(stderr)?.[1]?.trim()
        resolve(Boolean(team) && team !== 'not set' && !/^Signature=adhoc$/m.test(stderr))
      },
    )
  })
}
