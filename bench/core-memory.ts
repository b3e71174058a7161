// Memory of the headless core: `scrum4me-notifier watch` (the built CLI) in SSE and in pg mode, each
// against a bare Node process that loads pg and holds one LISTEN (bench/support/bare-listen.mjs).
// All three start the same way, `node FILE` without a loader, and are sampled from outside through
// /proc/PID/status: VmHWM is the peak, VmRSS after the process has sat connected for a while is idle.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { insertQuestion } from '../test/support/fixtures'
import { spawnJsonLines } from '../test/support/json-lines-process'
import { Cleanup } from './support/cleanup'
import { type ProcessMemory, readProcessMemory } from './support/process-memory'
import { type BenchResult, type Figure, say } from './support/report'
import { type SeededPostgres, startBenchSseServer, startSeededPostgres } from './support/servers'
import { formatRatio } from './support/stats'
import { sleep, within } from './support/timing'

const CLI = fileURLToPath(new URL('../bin/scrum4me-notifier.js', import.meta.url))
const BARE = fileURLToPath(new URL('./support/bare-listen.mjs', import.meta.url))
const TOKEN = 'bench-memory-token'
/** A full snapshot: servers send at most 100 open questions. */
const OPEN_QUESTIONS = 100
const RUNS = 3
/** Connected and left alone this long before idle is read: V8 shrinks its heap after ~8 idle seconds. */
const SETTLE_MS = 12_000
const CONNECT_TIMEOUT_MS = 20_000
const IDLE_TARGET = 1.15
const PEAK_TARGET = 1.5

type Subject = 'bare' | 'sse' | 'pg'
const SUBJECTS: readonly Subject[] = ['bare', 'sse', 'pg']

export async function coreMemory(): Promise<BenchResult> {
  if (readProcessMemory(process.pid) === null) {
    say('no /proc here: skipped')
    return { bench: 'core-memory', figures: [{ name: 'RSS', value: 'n/a (needs Linux /proc)' }] }
  }
  const cleanup = new Cleanup()
  try {
    const db = await startSeededPostgres(cleanup)
    for (let i = 0; i < OPEN_QUESTIONS; i++) {
      await insertQuestion(db.url, { productId: db.world.products.alpha, askedBy: db.world.users.ann })
    }
    const sse = await startBenchSseServer(db, TOKEN, cleanup)
    const argsOf = commandLines(db, sse.origin)
    const samples: Record<Subject, ProcessMemory[]> = { bare: [], sse: [], pg: [] }
    // Interleaved, so that a busy moment of the machine does not land on one subject only.
    for (let run = 0; run < RUNS; run++) {
      for (const subject of SUBJECTS) samples[subject].push(await measure(argsOf(subject)))
    }
    return { bench: 'core-memory', figures: report(samples) }
  } finally {
    await cleanup.run()
  }
}

function commandLines(db: SeededPostgres, origin: string): (subject: Subject) => string[] {
  return (subject) => {
    if (subject === 'bare') return [BARE, db.url]
    const flags =
      subject === 'sse'
        ? ['--server', origin, '--token', TOKEN]
        : ['--database', db.url, '--user', db.world.users.ann]
    return [CLI, 'watch', ...flags]
  }
}

/** Starts one process, waits until it is connected and has settled, reads its memory, stops it. */
async function measure(args: string[]): Promise<ProcessMemory> {
  const dataDir = mkdtempSync(join(tmpdir(), 's4m-bench-memory-'))
  const run = spawnJsonLines(process.execPath, [...args, '--data-dir', dataDir])
  try {
    await run.waitForLine(
      'connected',
      (line) => line.type === 'state' && line.state === 'connected',
      CONNECT_TIMEOUT_MS,
    )
    await sleep(SETTLE_MS)
    const memory = run.child.pid === undefined ? null : readProcessMemory(run.child.pid)
    if (!memory) throw new Error(`${args[0]} exited while settling; stderr: ${run.stderr()}`)
    return memory
  } finally {
    run.child.kill('SIGTERM')
    await within(10_000, 'the measured process to exit', run.exited).catch(() => run.child.kill('SIGKILL'))
    rmSync(dataDir, { recursive: true, force: true })
  }
}

function report(samples: Record<Subject, ProcessMemory[]>): Figure[] {
  const idle = (subject: Subject) => median(samples[subject].map((memory) => memory.rssMb))
  const peak = (subject: Subject) => median(samples[subject].map((memory) => memory.peakMb))
  for (const subject of SUBJECTS) {
    const runs = samples[subject].map((memory) => `${mb(memory.rssMb)}/${mb(memory.peakMb)}`).join(', ')
    say(`${label(subject).padEnd(28)} idle/peak per run: ${runs}`)
  }
  return (['sse', 'pg'] as const).flatMap((subject): Figure[] => [
    ratioFigure(`${label(subject)}: idle RSS`, idle(subject), idle('bare'), IDLE_TARGET),
    ratioFigure(`${label(subject)}: peak RSS`, peak(subject), peak('bare'), PEAK_TARGET),
  ])
}

function ratioFigure(name: string, value: number, baseline: number, target: number): Figure {
  const ratio = value / baseline
  return {
    name: `${name}, median of ${RUNS}`,
    value: mb(value),
    baseline: `${mb(baseline)} (bare LISTEN)`,
    ratio: formatRatio(ratio),
    target: `≤ ${target}×`,
    met: ratio <= target,
  }
}

function label(subject: Subject): string {
  return subject === 'bare' ? 'bare node + pg LISTEN' : `watch (${subject})`
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN
}

const mb = (value: number) => `${value.toFixed(1)} MB`
