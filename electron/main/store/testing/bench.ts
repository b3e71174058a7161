// Measures the store on a realistic cache: 100 000 rows, about 100 of them open.
// Usage: node --import tsx electron/main/store/testing/bench.ts
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import type { FeedUpdate } from '../../feed/transport'
import { silentLogger } from '../../log/logger'
import { openDatabase } from '../database'
import { QuestionStore } from '../question-store'
import { NOW, question, tempDir } from './fixtures'

const ROWS = 100_000
const OPEN = 100

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN
}

function time<T>(run: () => T): [T, number] {
  const start = performance.now()
  const result = run()
  return [result, performance.now() - start]
}

const ms = (value: number) => `${value.toFixed(2)} ms`
const openStore = (file: string) =>
  new QuestionStore(openDatabase(file, { log: silentLogger }), { log: silentLogger, now: () => NOW })

const { dir, cleanup } = tempDir()
try {
  const file = join(dir, 'cache.sqlite')
  const seed = openStore(file)
  const all = Array.from({ length: ROWS }, (_, i) => question(`q${i}`, { ageMs: ROWS - i }))
  const [, seedMs] = time(() =>
    seed.applyBatch(all.map((q): FeedUpdate => ({ kind: 'opened', question: q }))),
  )
  // The snapshot keeps the newest OPEN and closes the rest, as a reconnect after a long history would.
  seed.apply({ kind: 'snapshot', questions: all.slice(-OPEN) })
  seed.close()
  console.log(`seeded ${ROWS} rows in ${ms(seedMs)}`)

  const cold: number[] = []
  const openOnly: number[] = []
  for (let run = 0; run < 5; run++) {
    const start = performance.now()
    const db = openDatabase(file, { log: silentLogger })
    openOnly.push(performance.now() - start)
    const store = new QuestionStore(db, { log: silentLogger, now: () => NOW })
    if (store.listOpen().length !== OPEN) throw new Error('wrong open count')
    cold.push(performance.now() - start)
    store.close()
  }
  console.log(
    `cold open to first listOpen: median ${ms(median(cold))} (openDatabase alone ${ms(median(openOnly))})`,
  )

  const store = openStore(file)
  const samples = Array.from({ length: 200 }, () => time(() => store.listOpen())[1])
  console.log(
    `listOpen (${OPEN} of ${ROWS} rows open): median ${ms(median(samples))}, max ${ms(Math.max(...samples))}`,
  )

  const burst = Array.from(
    { length: 10_000 },
    (_, i): FeedUpdate => ({ kind: 'opened', question: question(`b${i}`) }),
  )
  const before = store.transactionCount
  const [events, burstMs] = time(() => store.applyBatch(burst))
  console.log(
    `applyBatch of 10 000 new questions: ${ms(burstMs)}, ${store.transactionCount - before} transaction(s), ` +
      `${events.length} events`,
  )
  const [replayed, replayMs] = time(() => store.applyBatch(burst))
  console.log(`applyBatch replaying the same 10 000: ${ms(replayMs)}, ${replayed.length} events`)
  store.close()
} finally {
  cleanup()
}
