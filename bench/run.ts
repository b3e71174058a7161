// `npm run bench [name…]`: runs the benchmarks one after another (so they do not disturb each other's
// timings) and prints a summary table. Timings never fail the run; a failed check or a crash does.
import { blackholeDetection } from './blackhole-detection'
import { coreMemory } from './core-memory'
import { listeningCoverage } from './listening-coverage'
import { notifyLatency } from './notify-latency'
import { sseLatency } from './sse-latency'
import { sseRefresh } from './sse-refresh'
import { storeBench } from './store'
import { type Benchmark, type BenchResult, formatTable } from './support/report'
import { formatMs } from './support/stats'
import { now } from './support/timing'

/**
 * card-render drives a page, so it is type-checked with the DOM's types in the Chromium project
 * (tsconfig.chromium.json); loaded by a computed name, this Node project does not follow it there.
 */
const CARD_RENDER_MODULE = './card-render.ts'
const cardRender: Benchmark = async () => {
  const module: { cardRender: Benchmark } = await import(CARD_RENDER_MODULE)
  return module.cardRender()
}

const BENCHMARKS: Record<string, Benchmark> = {
  'notify-latency': notifyLatency,
  'sse-latency': sseLatency,
  'sse-refresh': sseRefresh,
  'blackhole-detection': blackholeDetection,
  store: storeBench,
  'core-memory': coreMemory,
  'card-render': cardRender,
  'listening-coverage': listeningCoverage,
}

const wanted = process.argv.slice(2)
const unknown = wanted.filter((name) => !(name in BENCHMARKS))
if (unknown.length > 0) {
  console.error(
    `unknown benchmark(s): ${unknown.join(', ')}; choose from ${Object.keys(BENCHMARKS).join(', ')}`,
  )
  process.exit(2)
}

const results: BenchResult[] = []
const started = now()
for (const [name, bench] of Object.entries(BENCHMARKS)) {
  if (wanted.length > 0 && !wanted.includes(name)) continue
  console.log(`\n== ${name}`)
  const start = now()
  try {
    results.push(await bench())
  } catch (error) {
    console.error(
      `  ${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    )
    results.push({
      bench: name,
      figures: [{ name: 'ran to the end', value: 'failed', check: true, met: false }],
    })
  }
  console.log(`  (${name} took ${formatMs(now() - start)})`)
}

console.log(`\n== summary (${formatMs(now() - started)} in all)\n`)
console.log(formatTable(results))
const failedChecks = results
  .flatMap((result) => result.figures)
  .filter((figure) => figure.check && !figure.met)
if (failedChecks.length > 0) {
  console.error(`\n${failedChecks.length} check(s) failed`)
  process.exitCode = 1
}
