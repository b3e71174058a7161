// Child process of the crash-safety test: commits `count` questions through the store, says so, then
// writes a large transaction that never commits, until the parent kills it with SIGKILL.
// Usage: node --import tsx crash-writer.ts <file> <count>
import { silentLogger } from '../../log/logger'
import { openDatabase } from '../database'
import { QuestionStore } from '../question-store'
import { NOW, question } from './fixtures'

const [file = '', count = '0'] = process.argv.slice(2)
const db = openDatabase(file, { log: silentLogger })
const store = new QuestionStore(db, { log: silentLogger, now: () => NOW })
store.applyBatch(
  Array.from({ length: Number(count) }, (_, i) => ({ kind: 'opened', question: question(`committed-${i}`) })),
)
process.stdout.write('committed\n')

const insertChunk = db.prepare(`
  INSERT INTO questions (id, product_id, text, created_at, expires_at, status, first_seen_at, last_confirmed_at)
  WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n LIMIT 10000)
  SELECT 'uncommitted-' || @chunk || '-' || i, 'p1', printf('%.300c', 'x'), @now, @now, 'open', @now, @now FROM n`)
const now = new Date(NOW + 60_000).toISOString()
db.exec('BEGIN IMMEDIATE')
// Bounded so that a parent that died cannot fill the disk; the parent kills long before this ends.
for (let chunk = 0; chunk < 100; chunk++) insertChunk.run({ chunk, now })
process.exit(3)
