// A child process that prints one JSON object per line on stdout (the CLI's watch, the demo), with
// its lines collected as they arrive and its stderr kept for failure messages.
import { type ChildProcess, type SpawnOptions, spawn } from 'node:child_process'
import { sleep } from './feed-harness'

export type JsonLine = Record<string, unknown>

export interface JsonLinesProcess {
  child: ChildProcess
  lines: JsonLine[]
  stderr: () => string
  /** The exit code, or null when a signal ended it. */
  exited: Promise<number | null>
  /** Resolves with the first line that satisfies `predicate`; fails after `timeoutMs` with the output. */
  waitForLine(what: string, predicate: (line: JsonLine) => boolean, timeoutMs?: number): Promise<JsonLine>
}

export function spawnJsonLines(
  command: string,
  args: string[],
  options: SpawnOptions = {},
): JsonLinesProcess {
  const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] })
  const lines: JsonLine[] = []
  let stdout = ''
  let stderr = ''
  child.stdout?.setEncoding('utf8').on('data', (text: string) => {
    stdout += text
    const parts = stdout.split('\n')
    stdout = parts.pop() ?? ''
    for (const part of parts) if (part.trim()) lines.push(JSON.parse(part) as JsonLine)
  })
  child.stderr?.setEncoding('utf8').on('data', (text: string) => {
    stderr += text
  })
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  return {
    child,
    lines,
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
