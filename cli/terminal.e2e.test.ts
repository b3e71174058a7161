// The built CLI for people: on a pseudo-terminal it prints readable lines and asks for answers;
// piped, it prints JSON lines as it always did. Real processes against the real test servers.
import type { ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { FeedTiming } from '../electron/main/feed/feed-config'
import { answerOf, insertQuestion } from '../test/support/fixtures'
import { type JsonLinesProcess, spawnJsonLines } from '../test/support/json-lines-process'
import { withClient } from '../test/support/pg-client'
import { type PtyProcess, spawnInPty } from '../test/support/pty-process'
import { setUpSeededDatabase } from '../test/support/seeded-database'
import { type SseTestServer, startSseTestServer } from '../test/support/sse-test-server'

const BIN = fileURLToPath(new URL('../bin/scrum4me-notifier.js', import.meta.url))
const TIMING = JSON.stringify({
  policy: { baseMs: 100, capMs: 500, floorMs: 20, nudgeMinIntervalMs: 0 },
  sse: { plannedLifetimeMs: 60_000, refreshSpreadMs: 20 },
} satisfies FeedTiming)
const ENV = { ...process.env, SCRUM4ME_NOTIFIER_TIMING: TIMING }
const ESC = '\u001b'
/** Anything a terminal would act on, once the pty's line ends are gone. */
const TERMINAL_CONTROL = /[\p{Cc}\p{Cf}]/u
const withoutLineEnds = (text: string) => text.replaceAll('\r\n', '')

const db = setUpSeededDatabase()
let server: SseTestServer
let dataDir: string
const running: ChildProcess[] = []

beforeEach(async () => {
  server = await startSseTestServer({
    databaseUrl: db.url,
    credentials: { 'ann-token': db.world.users.ann },
    heartbeatMs: 500,
    lifetimeMs: 60_000,
  })
  dataDir = mkdtempSync(join(tmpdir(), 's4m-cli-tty-'))
})
afterEach(async () => {
  for (const child of running.splice(0)) if (child.exitCode === null) child.kill('SIGKILL')
  await server.close()
  rmSync(dataDir, { recursive: true, force: true })
})

const flags = () => ['--server', server.origin, '--token', 'ann-token', '--data-dir', dataDir]

function onPty(args: string[], term?: string): PtyProcess {
  const run = spawnInPty(process.execPath, [BIN, ...args], ENV, term)
  running.push(run.child)
  return run
}

function piped(args: string[]): JsonLinesProcess {
  const run = spawnJsonLines(process.execPath, [BIN, ...args], { env: ENV })
  running.push(run.child)
  return run
}

const ask = (fields: Partial<Parameters<typeof insertQuestion>[1]> = {}) =>
  insertQuestion(db.url, {
    productId: db.world.products.alpha,
    storyId: db.world.stories.st101,
    askedBy: db.world.users.ann,
    options: ['Ja', 'Nee'],
    ...fields,
  })

/** Caches the question the way a user would first see it: one piped watch. */
async function cached(id: string): Promise<void> {
  const watch = piped(['watch', ...flags()])
  await watch.waitForLine('the question', (line) => line.type === 'question')
  watch.child.kill('SIGTERM')
  await watch.exited
  expect(watch.stdout()).toContain(id)
}

describe('watch', () => {
  it('on a terminal: readable lines with time, product, story code, the first lines and numbered options', async () => {
    const longText = ['Welke route nemen we?', 'Regel twee', 'drie', 'vier', 'vijf wordt niet getoond'].join(
      '\n',
    )
    const id = await ask({ question: longText, createdAt: new Date(Date.now() - 12 * 60_000) })
    const run = onPty(['watch', ...flags()])
    // The snapshot's questions are printed before "connected".
    await run.waitFor('connected', /\d\d:\d\d connected/)
    const screen = run.screen()
    expect(screen).toMatch(
      new RegExp(`\\d\\d:\\d\\d — Alpha · ST-101 — ${id}\\r\\n  Welke route nemen we\\?\\r\\n`),
    )
    expect(screen).toContain('  Regel twee\r\n  drie\r\n  vier\r\n  …\r\n  [1] Ja\r\n  [2] Nee\r\n')
    expect(screen).not.toContain('vijf')
    expect(screen).not.toContain('{"type"')
    run.type('\u0003')
    expect(await run.exited).toBe(0)
  })

  it('piped, and on a terminal with --json: JSON lines only', async () => {
    const id = await ask()
    const pipedRun = piped(['watch', ...flags()])
    await pipedRun.waitForLine('the question', (line) => line.type === 'question')
    pipedRun.child.kill('SIGTERM')
    expect(await pipedRun.exited).toBe(0)
    const lines = pipedRun.stdout().split('\n').filter(Boolean)
    expect(lines.every((line) => line.startsWith('{"type":'))).toBe(true)
    expect(lines).toHaveLength(pipedRun.lines.length)
    expect(pipedRun.lines.some((line) => JSON.stringify(line).includes(id))).toBe(true)
    const json = onPty(['watch', '--json', ...flags()])
    await json.waitFor('connected as JSON', /\{"type":"state","state":"connected"\}/)
    json.type('\u0003')
    expect(await json.exited).toBe(0)
    expect(json.screen()).not.toMatch(/\d\d:\d\d connected/)
  })

  it('on a terminal, hostile server text reaches it without control or format characters', async () => {
    await withClient(db.url, (client) =>
      client.query('UPDATE products SET name = $1 WHERE id = $2', [
        `Alpha${ESC}]52;c;ZXZpbA==\u0007${ESC}[2K\rFAKE`,
        db.world.products.alpha,
      ]),
    )
    await ask({
      question: `Kies\u0085 \u202eevil\u200b${ESC}[8m\n${'x'.repeat(5000)}`,
      options: [`Ja${ESC}[2K`],
    })
    const run = onPty(['watch', ...flags()])
    await run.waitFor('the option', /\[1\] Ja/)
    run.type('\u0003')
    expect(await run.exited).toBe(0)
    expect(withoutLineEnds(run.screen()).replace('^C', '')).not.toMatch(TERMINAL_CONTROL)
    // Bounded: a 5000-character line is cut.
    expect(
      run
        .screen()
        .split('\r\n')
        .every((line) => line.length <= 210),
    ).toBe(true)
  })
})

describe('answer without --option or --text', () => {
  it('on a terminal: shows the question, takes the option number typed at the prompt', async () => {
    const id = await ask({ question: 'Welke route?', createdAt: new Date(Date.now() - 12 * 60_000) })
    await cached(id)
    const run = onPty(['answer', id, ...flags()])
    await run.waitFor('the prompt', /Answer 1-2 \(empty cancels\): /)
    expect(run.screen()).toContain('Alpha · ST-101 — asked 12 min ago')
    expect(run.screen()).toContain('  Welke route?\r\n  [1] Ja\r\n  [2] Nee\r\n')
    run.type('3\r')
    await run.waitFor('the nudge', /Type a number from 1 to 2\./)
    run.type('2\r')
    expect(await run.exited).toBe(0)
    expect(run.screen()).toMatch(new RegExp(`answer to ${id} sent`))
    expect(await answerOf(db.url, id)).toEqual({ status: 'answered', answer: 'Nee' })
  })

  /** The prompt ending in the typed 2; a capable terminal's redraw places the cursor around it. */
  const CURSOR_TO = `(${ESC}\\[\\d+G)?`
  const TYPED_2 = new RegExp(`\\(empty cancels\\): ${CURSOR_TO}2${CURSOR_TO}$`)
  it.each([
    ['xterm-256color', `${ESC}[2K${ESC}[1G`],
    ['dumb', '\r\n'],
  ])(
    'on a %s terminal: a log line while the user types goes above the prompt, which keeps what was typed',
    async (term, lineStart) => {
      const id = await ask()
      await cached(id)
      const run = onPty(['answer', id, ...flags(), '--verbose'], term)
      await run.waitFor('the prompt', /Answer 1-2 \(empty cancels\): /)
      run.type('2')
      await run.waitFor('the echo', TYPED_2)
      const before = run.screen().length
      await server.endStreams()
      await run.waitFor('a log line after the prompt', /reconnected without a visible break/)
      // The log line starts a line of its own (the prompt's line erased, or ended), and the prompt
      // comes back below the logs with the typed 2.
      expect(run.screen().slice(before).startsWith(`${lineStart}${new Date().getUTCFullYear()}-`)).toBe(true)
      await run.waitFor('the prompt drawn again', new RegExp(`break.*${TYPED_2.source}`, 's'))
      run.type('\r')
      expect(await run.exited).toBe(0)
      expect(await answerOf(db.url, id)).toEqual({ status: 'answered', answer: 'Nee' })
    },
  )

  it('on a terminal: free text typed at the prompt', async () => {
    const id = await ask({ options: null })
    await cached(id)
    const run = onPty(['answer', id, ...flags()])
    await run.waitFor('the prompt', /Answer \(empty cancels\): /)
    run.type('Gebruik de bestaande migratie\r')
    expect(await run.exited).toBe(0)
    expect(await answerOf(db.url, id)).toEqual({
      status: 'answered',
      answer: 'Gebruik de bestaande migratie',
    })
  })

  it.each([
    ['an empty line', '\r'],
    ['Ctrl-C', '\u0003'],
  ])('on a terminal: %s cancels cleanly, nothing is sent', async (_name, keys) => {
    const id = await ask()
    await cached(id)
    const run = onPty(['answer', id, ...flags()])
    await run.waitFor('the prompt', /Answer 1-2 \(empty cancels\): /)
    run.type(keys)
    expect(await run.exited).toBe(4)
    expect(run.screen()).toContain('cancelled: nothing was sent')
    expect(await answerOf(db.url, id)).toEqual({ status: 'open', answer: null })
    expect(server.requestLog.filter((entry) => entry.method === 'POST')).toEqual([])
  })

  it('piped: a usage error, as before', async () => {
    const id = await ask()
    const run = piped(['answer', id, ...flags()])
    expect(await run.exited).toBe(2)
    expect(run.stderr()).toMatch(/answer needs exactly one of --option N or --text TEXT/)
    expect(await answerOf(db.url, id)).toEqual({ status: 'open', answer: null })
  })
})

describe('list', () => {
  it('shows how long each question has waited, and its first lines', async () => {
    const id = await ask({
      question: 'Eerste regel\nTweede regel',
      createdAt: new Date(Date.now() - 12 * 60_000),
    })
    await cached(id)
    const run = piped(['list', '--data-dir', dataDir])
    expect(await run.exited).toBe(0)
    expect(run.stdout()).toMatch(new RegExp(`${id} — Alpha · ST-101 — asked 12 min ago, expires `))
    expect(run.stdout()).toContain('  Eerste regel\n  Tweede regel\n  [1] Ja\n  [2] Nee\n')
  })
})
