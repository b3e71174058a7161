// A child process that prints one JSON object per line on stdout (the CLI's watch, the demo), with
// its lines collected as they arrive and its stderr kept for failure messages. Lines that are not
// JSON objects (the CLI's output for people) stay in `stdout()` only.
import { type ChildProcess, type SpawnOptions, spawn } from 'node:child_process'
import { sleep } from './feed-harness'

export type JsonLine = Record<string, unknown>

export interface JsonLinesProcess {
  child: ChildProcess
  lines: JsonLine[]
  /** Everything printed on stdout so far, JSON or not. */
  stdout: () => string
  stderr: () => string
  /** The exit code, or null when a signal ended it. */
  exited: Promise<number | null>
  /** Resolves with the first line that satisfies `predicate`; fails after `timeoutMs` with the output. */
  waitForLine(what: string, predicate: (line: JsonLine) => boolean, timeoutMs?: number): Promise<JsonLine>
}

/** `input`, when given, is written to the child's standard input, which is then closed. */
export function spawnJsonLines(
  command: string,
  args: string[],
  options: SpawnOptions & { input?: string } = {},
): JsonLinesProcess {
  const { input, ...spawnOptions } = options
  const child = spawn(command, args, {
    ...spawnOptions,
    stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
  })
  if (input !== undefined) child.stdin?.end(input)
  const lines: JsonLine[] = []
  let all = ''
  let pending = ''
  let stderr = ''
  child.stdout?.setEncoding('utf8').on('data', (text: string) => {
    all += text
    pending += text
    const parts = pending.split('\n')
    pending = parts.pop() ?? ''
    for (const part of parts) if (part.startsWith('{')) lines.push(JSON.parse(part) as JsonLine)
  })
  child.stderr?.setEncoding('utf8').on('data', (text: string) => {
    stderr += text
  })
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  return {
    child,
    lines,
    stdout: () => all,
    stderr: () => stderr,
    exited,
    async waitForLine(what, predicate, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs
      for (;;) {
        const line = lines.find(predicate)
        if (line) return line
        if (Date.now() > deadline)
          throw new Error(
            `no ${what} within ${timeoutMs} ms; stdout: ${JSON.stringify(lines)}\nstderr: ${stderr}`,
          )
        await sleep(20)
      }
    },
  }
}
