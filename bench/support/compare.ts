// Our figure against the baseline measured in the same run: the lines printed while a benchmark
// runs and the rows it hands to the summary table, in one shape for every benchmark.
import { type Figure, say } from './report'
import { formatMs, formatRatio, type Summary } from './stats'

type Percentile = 'p50' | 'p99' | 'max'
/** How a figure is judged: its target, and whether it was met. */
type Judge = (value: number, ratio: number) => Pick<Figure, 'target' | 'met'>

export const atMostRatio =
  (max: number): Judge =>
  (_value, ratio) => ({ target: `≤ ${max}×`, met: ratio <= max })
export const atMostMs =
  (max: number): Judge =>
  (value) => ({ target: `≤ ${max} ms`, met: value <= max })
/** Printed for context, never judged. */
export const informational: Judge = () => ({ target: '(info)' })

export function describeSummary(summary: Summary): string {
  return `p50 ${formatMs(summary.p50)}, p99 ${formatMs(summary.p99)}, max ${formatMs(summary.max)}`
}

/** Prints the engine's and the baseline's latencies and their ratios under `heading`. */
export function sayComparison(heading: string, ours: Summary, theirs: Summary, indent = ''): void {
  say(`${indent}${heading}`)
  say(`${indent}  engine   ${describeSummary(ours)}`)
  say(`${indent}  baseline ${describeSummary(theirs)}`)
  say(
    `${indent}  ratio    p50/p50 ${formatRatio(ours.p50 / theirs.p50)}, p99/p99 ${formatRatio(ours.p99 / theirs.p99)}`,
  )
}

/** One summary row per percentile: ours, the baseline's, their ratio, and the judge's verdict. */
export function percentileFigures(
  name: string,
  ours: Summary,
  theirs: Summary,
  judge: Judge,
  percentiles: readonly Percentile[] = ['p50', 'p99'],
): Figure[] {
  return percentiles.map((p) => {
    const ratio = ours[p] / theirs[p]
    return {
      name: `${name}, ${p}`,
      value: formatMs(ours[p]),
      baseline: formatMs(theirs[p]),
      ratio: formatRatio(ratio),
      ...judge(ours[p], ratio),
    }
  })
}
