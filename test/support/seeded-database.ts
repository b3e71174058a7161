// The usual database test's hooks: one embedded PostgreSQL per test file, and before each test a
// fresh database holding the seeded world. Call at the top of the file, before hooks that use it:
// Vitest runs before-hooks in the order they were registered.
import { afterAll, beforeAll, beforeEach } from 'vitest'
import { seedWorld, type World } from './fixtures'
import { startTestPostgres, type TestPostgres } from './postgres'

export interface SeededDatabase {
  /** The file's cluster. */
  readonly postgres: TestPostgres
  /** This test's database. */
  readonly url: string
  readonly world: World
}

export function setUpSeededDatabase(): SeededDatabase {
  let postgres: TestPostgres | undefined
  let current: { url: string; world: World } | undefined
  beforeAll(async () => {
    postgres = await startTestPostgres()
  })
  afterAll(async () => {
    await postgres?.destroy()
  })
  beforeEach(async () => {
    const url = await started().createDatabase()
    current = { url, world: await seedWorld(url) }
  })

  function started(): TestPostgres {
    if (!postgres) throw new Error('setUpSeededDatabase: PostgreSQL is not running (outside a test?)')
    return postgres
  }
  function seeded(): { url: string; world: World } {
    if (!current) throw new Error('setUpSeededDatabase: no database yet (outside a test?)')
    return current
  }
  return {
    get postgres() {
      return started()
    },
    get url() {
      return seeded().url
    },
    get world() {
      return seeded().world
    },
  }
}
