// macOS is asked through a stand-in `codesign` script that prints what the real one prints for a
// Developer ID signature, an ad-hoc one, or an unsigned app (it writes its report to stderr).
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { toastButtonsSupported } from './toast-buttons'

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

const EXE = '/Applications/Scrum4Me Notifier.app/Contents/MacOS/Scrum4Me Notifier'

/** A codesign that logs its arguments, writes `report` to stderr and exits with `code`. */
function codesign(report: string, code = 0): { path: string; args: string } {
  const dir = mkdtempSync(join(tmpdir(), 's4m-codesign-'))
  dirs.push(dir)
  const path = join(dir, 'codesign')
  const args = join(dir, 'args')
  writeFileSync(
    path,
    `#!/bin/sh\nprintf '%s\\n' "$@" > '${args}'\ncat >&2 <<'REPORT'\n${report}\nREPORT\nexit ${code}\n`,
  )
  chmodSync(path, 0o755)
  return { path, args }
}

const DEVELOPER_ID = [
  `Executable=${EXE}`,
  'Identifier=com.scrum4me.notifier',
  'Format=app bundle with Mach-O universal (x86_64 arm64)',
  'Authority=Developer ID Application: Scrum4Me B.V. (AB12CD34EF)',
  'Authority=Developer ID Certification Authority',
  'Authority=Apple Root CA',
  'TeamIdentifier=AB12CD34EF',
].join('\n')
const AD_HOC = [
  `Executable=${EXE}`,
  'Identifier=Scrum4Me Notifier',
  'Signature=adhoc',
  'TeamIdentifier=not set',
].join('\n')

describe('toastButtonsSupported', () => {
  it('on macOS, offers buttons only for a packaged app signed with a real identity', async () => {
    const signed = codesign(DEVELOPER_ID)
    expect(
      await toastButtonsSupported({
        platform: 'darwin',
        isPackaged: true,
        executable: EXE,
        codesign: signed.path,
      }),
    ).toBe(true)
    expect(readFileSync(signed.args, 'utf8')).toBe(`--display\n--verbose=2\n${EXE}\n`)
    const adHoc = codesign(AD_HOC)
    expect(
      await toastButtonsSupported({
        platform: 'darwin',
        isPackaged: true,
        executable: EXE,
        codesign: adHoc.path,
      }),
    ).toBe(false)
    const unsigned = codesign(`${EXE}: code object is not signed at all`, 1)
    expect(
      await toastButtonsSupported({
        platform: 'darwin',
        isPackaged: true,
        executable: EXE,
        codesign: unsigned.path,
      }),
    ).toBe(false)
  })

  it('does not ask for an unpackaged run (Electron’s own bundle) or without codesign', async () => {
    const signed = codesign(DEVELOPER_ID)
    const options = { platform: 'darwin', executable: EXE, codesign: signed.path } as const
    expect(await toastButtonsSupported({ ...options, isPackaged: false })).toBe(false)
    const missing = join(tmpdir(), 'no-such-dir', 'codesign')
    expect(await toastButtonsSupported({ ...options, isPackaged: true, codesign: missing })).toBe(false)
  })

  it('shows buttons on Windows (the toast activator reports them) and never on Linux', async () => {
    expect(await toastButtonsSupported({ platform: 'win32', isPackaged: false, executable: 'x.exe' })).toBe(
      true,
    )
    expect(await toastButtonsSupported({ platform: 'linux', isPackaged: true, executable: '/opt/x' })).toBe(
      false,
    )
  })
})
