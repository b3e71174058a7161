import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { checkCache } from './cache-check'
import { openDatabase } from './database'
import { QuestionStore } from './question-store'
import { NOW, recordingLogger, tempDir } from './testing/fixtures'

const WRITER = fileURLToPath(new URL('./testing/crash-writer.ts', import.meta.url))
const COMMITTED = 500

let dir: string
let cleanup: () => void
let child: ChildProcess | undefined
beforeEach(() => {
  ;({ dir, cleanup } = tempDir())
})
afterEach(() => {
  child?.kill('SIGKILL')
  cleanup()
})

async function until(condition: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}

describe('crash safety', () => {
  it('a writer killed in the middle of a large transaction leaves a file with every committed row', async () => {
    const file = join(dir, 'cache.sqlite')
    const writer = spawn(process.execPath, ['--import', 'tsx', WRITER, file, String(COMMITTED)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    child = writer
    let output = ''
    writer.stdout?.on('data', (data: Buffer) => {
      output += data.toString()
    })
    const exited = once(writer, 'exit')
    await until(() => output.includes('committed'), 'the committed batch')
    // Uncommitted pages spill into the WAL once the page cache is full: the kill lands mid-write.
    const wal = `${file}-wal`
    await until(() => existsSync(wal) && statSync(wal).size > 16 * 1024 * 1024, 'the transaction to spill')
    writer.kill('SIGKILL')
    const [code, signal] = await exited
    expect({ code, signal }).toEqual({ code: null, signal: 'SIGKILL' })

    const { log, lines } = recordingLogger()
    const db = openDatabase(file, { log })
    expect(checkCache(file, db, { log })).toBe(db)
    const store = new QuestionStore(db, { log, now: () => NOW })
    expect(store.listOpen()).toHaveLength(COMMITTED)
    expect(store.get('committed-0')?.status).toBe('open')
    expect(store.get('uncommitted-0-1')).toBeUndefined()
    store.close()
    expect(lines.filter((line) => line.includes(' warn ') || line.includes(' error '))).toEqual([])
    expect(readdirSync(dir).filter((name) => name.includes('.corrupt-'))).toEqual([])
  })
})
