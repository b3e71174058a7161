// `npm start` and `npm run dev` go through electron-vite, which needs node_modules/electron/path.txt
// and never downloads the binary itself. Their pre-step (scripts/ensure-electron.mjs) runs Electron's
// own installer first. Each case runs that pre-step exactly as package.json spells it, in a child
// process, against a throwaway project whose `electron` is the real package's installer; downloads go
// to a loopback mirror, never the internet.
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'

const ROOT = resolve(import.meta.dirname, '../..')
const ELECTRON = join(ROOT, 'node_modules/electron')
const { scripts } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>
}
const { version: ELECTRON_VERSION } = JSON.parse(readFileSync(join(ELECTRON, 'package.json'), 'utf8')) as {
  version: string
}
/** Where Electron's install.js says the executable lives, per platform. */
const PLATFORM_PATH =
  { darwin: 'Electron.app/Contents/MacOS/Electron', win32: 'electron.exe' }[process.platform as string] ??
  'electron'

const cleanups: Array<() => void> = []
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup()
})

/** A project with the real `electron` installer and its dependencies, and no binary yet. */
function freshProject(): string {
  const dir = mkdtempSync(join(tmpdir(), 's4m-start-'))
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
  writeFileSync(join(dir, 'package.json'), '{"name":"start-chain-probe","private":true}')
  mkdirSync(join(dir, 'scripts'))
  copyFileSync(join(ROOT, 'scripts/ensure-electron.mjs'), join(dir, 'scripts/ensure-electron.mjs'))
  const electron = join(dir, 'node_modules/electron')
  mkdirSync(electron, { recursive: true })
  for (const file of ['package.json', 'install.js', 'checksums.json']) {
    copyFileSync(join(ELECTRON, file), join(electron, file))
  }
  for (const dependency of ['@electron', '@electron-internal']) {
    symlinkSync(join(ROOT, 'node_modules', dependency), join(dir, 'node_modules', dependency), 'junction')
  }
  return dir
}

/** What install.js leaves behind after a good download. */
function installBinary(project: string): void {
  const electron = join(project, 'node_modules/electron')
  mkdirSync(join(electron, 'dist', PLATFORM_PATH, '..'), { recursive: true })
  writeFileSync(join(electron, 'dist', PLATFORM_PATH), '')
  writeFileSync(join(electron, 'dist/version'), ELECTRON_VERSION)
  writeFileSync(join(electron, 'path.txt'), PLATFORM_PATH)
}

/** A download site that has nothing, and remembers what was asked of it. */
async function emptyMirror(): Promise<{ url: string; requests: string[] }> {
  const requests: string[] = []
  const server: Server = createServer((request, response) => {
    requests.push(request.url ?? '')
    response.writeHead(404).end()
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  cleanups.push(() => server.close())
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, requests }
}

async function runScript(name: string, project: string, env: NodeJS.ProcessEnv) {
  const command = scripts[name]
  if (!command) throw new Error(`package.json has no "${name}" script`)
  const child = spawn(command, {
    cwd: project,
    shell: true,
    env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: undefined, ...env },
  })
  let output = ''
  child.stdout.on('data', (chunk) => (output += chunk))
  child.stderr.on('data', (chunk) => (output += chunk))
  const [status] = (await once(child, 'exit')) as [number | null]
  return { status, output }
}

describe('the start chain', () => {
  it('runs the Electron fetch before `npm start` and `npm run dev`', () => {
    expect(scripts.start).toMatch(/^electron-vite preview/)
    expect(scripts.dev).toMatch(/^electron-vite dev/)
    expect(scripts.prestart).toBe('node scripts/ensure-electron.mjs')
    expect(scripts.predev).toBe(scripts.prestart)
  })

  for (const name of ['prestart', 'predev']) {
    it(`${name}: with ELECTRON_SKIP_BINARY_DOWNLOAD and no binary, downloads nothing and names the fix`, async () => {
      const mirror = await emptyMirror()
      const project = freshProject()
      const run = await runScript(name, project, {
        ELECTRON_SKIP_BINARY_DOWNLOAD: '1',
        ELECTRON_MIRROR: mirror.url,
      })
      expect(run.status).toBe(1)
      expect(run.output).toContain('ELECTRON_SKIP_BINARY_DOWNLOAD is set')
      expect(run.output).toContain('npx install-electron')
      expect(run.output).not.toContain('Electron uninstall')
      expect(mirror.requests).toEqual([])
    })
  }

  // What Electron's installer counts as not installed, though path.txt is there: an upgrade of the
  // package left the old binary, or the download was cut off before the executable was written.
  const staleBinaries: Record<string, (electron: string) => void> = {
    'an older version': (electron) => writeFileSync(join(electron, 'dist/version'), '44.0.0'),
    'no executable': (electron) => rmSync(join(electron, 'dist', PLATFORM_PATH)),
  }
  for (const [stale, makeStale] of Object.entries(staleBinaries)) {
    it(`with ELECTRON_SKIP_BINARY_DOWNLOAD and ${stale} behind path.txt, stops and names the fix`, async () => {
      const project = freshProject()
      installBinary(project)
      makeStale(join(project, 'node_modules/electron'))
      const run = await runScript('prestart', project, { ELECTRON_SKIP_BINARY_DOWNLOAD: '1' })
      expect(run.status).toBe(1)
      expect(run.output).toContain('ELECTRON_SKIP_BINARY_DOWNLOAD is set')
      expect(run.output).toContain(`Electron ${ELECTRON_VERSION}`)
      expect(run.output).toContain('npx install-electron')
    })
  }

  it('with ELECTRON_SKIP_BINARY_DOWNLOAD and the binary in place, lets electron-vite go on', async () => {
    const project = freshProject()
    installBinary(project)
    const run = await runScript('prestart', project, { ELECTRON_SKIP_BINARY_DOWNLOAD: '1' })
    expect({ status: run.status, output: run.output }).toEqual({ status: 0, output: '' })
  })

  it("without the skip, asks Electron's installer to download this version, and says so when that fails", async () => {
    const mirror = await emptyMirror()
    const project = freshProject()
    const cache = join(project, 'electron-cache')
    const run = await runScript('prestart', project, {
      ELECTRON_MIRROR: mirror.url,
      electron_config_cache: cache,
      ELECTRON_GET_NO_PROGRESS: '1',
    })
    expect(mirror.requests).toContainEqual(
      expect.stringContaining(`/v${ELECTRON_VERSION}/electron-v${ELECTRON_VERSION}-`),
    )
    expect(run.status).not.toBe(0)
    expect(run.output).toContain('ensure-electron: the Electron binary could not be downloaded')
    expect(run.output).not.toContain('Electron uninstall')
  })

  it('without the skip and with the binary in place, downloads nothing', async () => {
    const mirror = await emptyMirror()
    const project = freshProject()
    installBinary(project)
    const run = await runScript('prestart', project, { ELECTRON_MIRROR: mirror.url })
    expect(run.status).toBe(0)
    expect(mirror.requests).toEqual([])
  })
})
