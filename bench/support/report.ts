// What every benchmark hands back to run.ts: figures for the summary table. Timings are reported
// against their targets but never fail the run; only correctness checks (lost events) do.

export interface Figure {
  /** What was measured, e.g. "status change → left, p50". */
  name: string
  value: string
  /** The same quantity for the baseline measured in this run (or a documented reference). */
  baseline?: string
  ratio?: string
  target?: string
  /** Whether the value is within the target; informational for timings. */
  met?: boolean
  /** A correctness check (no event lost, right row count): a failed one sets a non-zero exit code. */
  check?: boolean
}

export interface BenchResult {
  bench: string
  figures: Figure[]
}

export type Benchmark = () => Promise<BenchResult>

/** A plain-text table with one row per figure; the benchmark's name only on its first row. */
export function formatTable(results: readonly BenchResult[]): string {
  const header = ['benchmark', 'figure', 'measured', 'baseline', 'ratio', 'target', 'within']
  const rows = results.flatMap((result) =>
    result.figures.map((figure, index) => [
      index === 0 ? result.bench : '',
      figure.name,
      figure.value,
      figure.baseline ?? '',
      figure.ratio ?? '',
      figure.target ?? '',
      figure.met === undefined ? '' : figure.met ? 'yes' : 'NO',
    ]),
  )
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  )
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd()
  const rule = widths.map((width) => '-'.repeat(width)).join('  ')
  return [line(header), rule, ...rows.map(line)].join('\n')
}

/** Prints one line of a benchmark's own progress, indented under its heading. */
export function say(text: string): void {
  console.log(`  ${text}`)
}
