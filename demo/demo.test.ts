// `npm run demo -- --headless` as a newcomer runs it: questions arrive as JSON lines, an answer given
// with the CLI lands in the demo's database, and after Ctrl-C (SIGINT) nothing is left: no process,
// no open port, no data directory.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:http'
import net from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { ELECTRON_INSTALL_COMMAND, electronPackageDir } from '../test/support/electron-binary'
import { type JsonLine, type JsonLinesProcess, spawnJsonLines } from '../test/support/json-lines-process'
import { withClient } from '../test/support/pg-client'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const DEMO = join(ROOT, 'demo', 'main.ts')
const CLI = join(ROOT, 'cli', 'main.ts')

const demoLineSchema = (line: JsonLine) =>
  line as {
    server: string
    token: string
    database: string
    userId: string
    dataDir: string
    postgresDataDir: string
  }

const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup()
})

function tsx(
  entry: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
  options: { detached?: boolean } = {},
): JsonLinesProcess {
  const run = spawnJsonLines(process.execPath, ['--import', 'tsx', entry, ...args], {
    cwd: ROOT,
    env,
    ...options,
  })
  // After a failed test: the demo's own Ctrl-C path first, so its PostgreSQL does not outlive it.
  cleanups.push(async () => {
    if (run.child.exitCode !== null || run.child.signalCode !== null) return
    run.child.kill('SIGINT')
    const timer = setTimeout(() => run.child.kill('SIGKILL'), 20_000)
    await run.exited
    clearTimeout(timer)
  })
  return run
}

/** Every process below `pid`, from the process table (`ps`: Linux and macOS). */
function descendantsOf(pid: number): number[] {
  const table = execFileSync('ps', ['-A', '-o', 'pid=,ppid='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((row) => row.trim().split(/\s+/).map(Number) as [number, number])
  const found: number[] = []
  const parents = [pid]
  while (parents.length > 0) {
    const parent = parents.pop()
    for (const [child, ppid] of table)
      if (ppid === parent) {
        found.push(child)
        parents.push(child)
      }
  }
  return found
}

/**
 * Which of `pids` still run, as "pid state command". A zombie does not count: it has ended, and in a
 * container without a reaping init an orphan (tsx's esbuild helper) stays one.
 */
function stillRunning(pids: number[]): string[] {
  let table = ''
  try {
    table = execFileSync('ps', ['-o', 'pid=,stat=,comm=', '-p', pids.join(',')], { encoding: 'utf8' })
  } catch {
    return [] // ps exits 1 when none of them exists
  }
  return table
    .trim()
    .split('\n')
    .map((row) => row.trim())
    .filter((row) => row !== '' && !/^\d+\s+Z/.test(row))
}

function portAccepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port })
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
  })
}

const isQuestion = (line: JsonLine) => line.type === 'question'
const questionOf = (line: JsonLine) => line.question as { id: string; options: string[] | null }

async function startHeadlessDemo(options: { detached?: boolean } = {}) {
  const demo = tsx(DEMO, ['--headless', '--every', '2'], process.env, options)
  const where = demoLineSchema(
    await demo.waitForLine('the demo line', (line) => line.type === 'demo', 30_000),
  )
  await demo.waitForLine('connected', (line) => line.type === 'state' && line.state === 'connected', 20_000)
  await demo.waitForLine('three questions', () => demo.lines.filter(isQuestion).length >= 3)
  expect(await portAccepts(Number(new URL(where.server).port))).toBe(true)
  expect(await portAccepts(Number(new URL(where.database).port))).toBe(true)
  return { demo, where }
}

/** After the Ctrl-C: exit 0, no process of the demo's tree, no open port, no data directory. */
async function expectNothingLeft(
  demo: JsonLinesProcess,
  where: ReturnType<typeof demoLineSchema>,
  children: number[],
): Promise<void> {
  expect(await demo.exited, demo.stderr()).toBe(0)
  // tsx's esbuild helper ends a moment after its parent, when its stdin closes.
  await expect.poll(() => stillRunning(children), { timeout: 5_000 }).toEqual([])
  expect(await portAccepts(Number(new URL(where.server).port))).toBe(false)
  expect(await portAccepts(Number(new URL(where.database).port))).toBe(false)
  expect(existsSync(where.postgresDataDir)).toBe(false)
  expect(existsSync(where.dataDir)).toBe(false)
  expect(demo.stderr()).toMatch(/stopped; nothing left running/)
}

describe('npm run demo -- --headless', () => {
  it('streams questions, takes an answer into its database, and leaves nothing behind on SIGINT', async () => {
    const { demo, where } = await startHeadlessDemo()
    // A teammate's answer in Scrum4Me reaches the CLI as a close.
    await demo.waitForLine(
      'a question answered elsewhere',
      (line) => line.type === 'closed' && line.status === 'answered',
    )

    const children = descendantsOf(demo.child.pid as number)
    expect(children.length).toBeGreaterThan(2) // the CLI, the postmaster and its backends at least

    // The newest open question: the generator answers the oldest ones.
    const closed = new Set(demo.lines.filter((line) => line.type === 'closed').map((line) => line.id))
    const open = demo.lines
      .filter(isQuestion)
      .map(questionOf)
      .filter((question) => !closed.has(question.id) && question.options)
    const target = open.at(-1)
    if (!target) throw new Error(`no open question with options: ${JSON.stringify(demo.lines)}`)
    const answerDir = mkdtempSync(join(tmpdir(), 's4m-demo-answer-'))
    cleanups.push(() => rmSync(answerDir, { recursive: true, force: true }))
    const answer = tsx(CLI, [
      ...['answer', target.id, '--option', '1'],
      ...['--server', where.server, '--token', where.token, '--data-dir', answerDir],
    ])
    expect(await answer.exited, answer.stderr()).toBe(0)
    expect(answer.lines).toEqual([{ type: 'sent', id: target.id }])
    const { rows } = await withClient(where.database, (client) =>
      client.query('SELECT status, answer, answered_by FROM claude_questions WHERE id = $1', [target.id]),
    )
    expect(rows[0]).toEqual({ status: 'answered', answer: target.options?.[0], answered_by: where.userId })
    await demo.waitForLine(
      'the close of our answer',
      (line) => line.type === 'closed' && line.id === target.id,
    )

    demo.child.kill('SIGINT')
    await expectNothingLeft(demo, where, children)
  }, 120_000)

  it('stops as cleanly when Ctrl-C reaches its whole process group, as in a terminal', async () => {
    // Its own group, so the test can signal all of it at once: the CLI and PostgreSQL get SIGINT too.
    const { demo, where } = await startHeadlessDemo({ detached: true })
    const children = descendantsOf(demo.child.pid as number)
    process.kill(-(demo.child.pid as number), 'SIGINT')
    await expectNothingLeft(demo, where, children)
  }, 120_000)
})

describe('npm run demo without the Electron binary', () => {
  it('says so, names the install command and --headless, and exits 1 before starting anything', async () => {
    const empty = mkdtempSync(join(tmpdir(), 's4m-no-electron-'))
    cleanups.push(() => rmSync(empty, { recursive: true, force: true }))
    const demo = tsx(DEMO, [], {
      ...process.env,
      ELECTRON_OVERRIDE_DIST_PATH: empty,
      ELECTRON_SKIP_BINARY_DOWNLOAD: '1',
    })
    expect(await demo.exited).toBe(1)
    expect(demo.stderr()).toMatch(/^demo: The Electron binary is not installed/)
    expect(demo.stderr()).toContain(`\`${ELECTRON_INSTALL_COMMAND}\``)
    expect(demo.stderr()).toContain('`npm run demo -- --headless`')
    expect(demo.stderr()).not.toContain('starting PostgreSQL')
    expect(demo.lines).toEqual([])
  })

  it("first runs Electron's own installer, like npm start, unless downloads are switched off", async () => {
    // A loopback download site that has nothing: the installer's request is recorded, nothing is fetched.
    const requests: string[] = []
    const mirror = createServer((request, response) => {
      requests.push(request.url ?? '')
      response.writeHead(404).end()
    })
    await new Promise<void>((resolve) => mirror.listen(0, '127.0.0.1', resolve))
    cleanups.push(() => new Promise<void>((resolve) => mirror.close(() => resolve())))
    const empty = mkdtempSync(join(tmpdir(), 's4m-no-electron-'))
    cleanups.push(() => rmSync(empty, { recursive: true, force: true }))
    const { ELECTRON_SKIP_BINARY_DOWNLOAD: _skip, ...env } = process.env
    const port = (mirror.address() as net.AddressInfo).port
    const demo = tsx(DEMO, [], {
      ...env,
      ELECTRON_OVERRIDE_DIST_PATH: empty,
      ELECTRON_MIRROR: `http://127.0.0.1:${port}/`,
      electron_config_cache: empty,
    })
    expect(await demo.exited).toBe(1)
    const { version } = JSON.parse(readFileSync(join(electronPackageDir(), 'package.json'), 'utf8')) as {
      version: string
    }
    // Where a developer already has the binary, the installer has nothing to do and asks for nothing.
    const alreadyInstalled = existsSync(join(electronPackageDir(), 'path.txt'))
    if (alreadyInstalled) expect(requests).toEqual([])
    else expect(requests.some((url) => url.includes(`electron-v${version}-`))).toBe(true)
    expect(demo.stderr()).toContain('demo: The Electron binary is not installed')
    expect(demo.stderr()).not.toContain('starting PostgreSQL')
  })
})
