// The host swaps cores against a real PostgreSQL: at most one LISTEN session at any time, none
// after sign-out, and the cache file gone when it is asked to go.
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ConnectionSettings } from '@shared/settings'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { insertQuestion, seedWorld } from '../../../test/support/fixtures'
import { startTestPostgres, type TestPostgres } from '../../../test/support/postgres'
import { SessionSecretStore } from '../credentials/secret-store'
import { silentLogger } from '../log/logger'
import { DATABASE_PASSWORD, splitConnectionString } from '../settings/connection-secrets'
import { cacheFileIn } from '../store/cache-files'
import { CoreHost } from './core-host'
import { NotifierCore } from './notifier-core'

const APP = 'core-host-test'
let pg: TestPostgres
beforeAll(async () => {
  pg = await startTestPostgres()
})
afterAll(async () => {
  await pg?.destroy()
})

const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function setup() {
  const url = await pg.createDatabase()
  const world = await seedWorld(url)
  const { connectionString, password } = splitConnectionString(url)
  const secrets = new SessionSecretStore()
  if (password) await secrets.set(DATABASE_PASSWORD, password)
  const dataDir = mkdtempSync(join(tmpdir(), 's4m-host-'))
  const events = { attached: 0, detached: 0, changed: 0 }
  const host = new CoreHost({
    dataDir,
    secrets,
    log: silentLogger,
    createCore: (feed) => new NotifierCore({ feed, dataDir, applicationName: APP, log: silentLogger }),
    attach: () => {
      events.attached++
      return () => events.detached++
    },
    changed: () => events.changed++,
  })
  cleanups.push(async () => {
    await host.close()
    rmSync(dataDir, { recursive: true, force: true })
  })
  const connection: ConnectionSettings = { kind: 'pg', connectionString, userId: world.users.ann }
  return { url, world, host, dataDir, events, connection }
}

async function untilConnected(core: NotifierCore | null): Promise<void> {
  if (!core) throw new Error('no core')
  const started = Date.now()
  while (core.feedState.state !== 'connected') {
    if (Date.now() - started > 10_000) throw new Error(`still ${core.feedState.state}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

describe('CoreHost', () => {
  it('opens a core for a connection and serves its questions', async () => {
    const { url, world, host, events, connection } = await setup()
    const id = await insertQuestion(url, { productId: world.products.alpha, askedBy: world.users.bob })
    await host.apply({ connection, clearCache: false })
    await untilConnected(host.core)
    expect(host.core?.listOpen().map((question) => question.id)).toContain(id)
    expect(host.problem).toBeNull()
    expect(events).toMatchObject({ attached: 1, detached: 0 })
    expect(await pg.listenerCount(APP)).toBe(1)
  })

  it('signs out: the feed, its database session and the cache file are all gone', async () => {
    const { host, dataDir, events, connection } = await setup()
    await host.apply({ connection, clearCache: false })
    await untilConnected(host.core)
    expect(existsSync(cacheFileIn(dataDir))).toBe(true)
    await host.apply({ connection: null, clearCache: true })
    expect(host.core).toBeNull()
    expect(host.problem).toBe('no connection is set up')
    expect(events).toMatchObject({ attached: 1, detached: 1 })
    expect(existsSync(cacheFileIn(dataDir))).toBe(false)
    expect(await pg.listenerCount(APP)).toBe(0)
  })

  it('never has two feeds open, however quickly the connection changes', async () => {
    const { host, events, connection } = await setup()
    const applies = Array.from({ length: 5 }, () => host.apply({ connection, clearCache: false }))
    await Promise.all(applies)
    await untilConnected(host.core)
    expect(events).toMatchObject({ attached: 5, detached: 4 })
    expect(await pg.listenerCount(APP)).toBe(1)
  })

  it('reports a connection the feed refuses as a problem, without a core', async () => {
    const { host, events } = await setup()
    await host.apply({
      connection: {
        kind: 'pg',
        connectionString: 'postgres://notifier@db.example.com/scrum4me?sslmode=disable',
        userId: 'u1',
      },
      clearCache: false,
    })
    expect(host.core).toBeNull()
    expect(host.problem).toMatch(/sslmode/)
    expect(events.attached).toBe(0)
    expect(events.changed).toBeGreaterThan(0)
  })

  it('reports a missing secret instead of connecting without it', async () => {
    const { host } = await setup()
    await host.apply({
      connection: { kind: 'sse', serverUrl: 'https://scrum4me.example.com', authKind: 'bearer' },
      clearCache: false,
    })
    expect(host.core).toBeNull()
    expect(host.problem).toMatch(/bearer secret is not in the keychain/)
  })
})
