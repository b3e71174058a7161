// A child process on a pseudo-terminal, as a person runs it: util-linux `script` gives it a pty
// (stdin and stdout are TTYs) and relays what the test writes as typed keys; Ctrl-C typed as \x03
// reaches it as SIGINT through the pty, as from a keyboard. No native module needed.
// `script` runs the line with $SHELL -c. dash (Debian's /bin/sh, and what CI has) stays as the
// child's parent and dies of that SIGINT itself, so the line `exec`s the command: the exit code
// is then the command's own, whichever shell runs it.
import { type ChildProcess, spawn } from 'node:child_process'
import { sleep } from './feed-harness'

export interface PtyProcess {
  child: ChildProcess
  /** Everything the terminal showed so far (the pty echoes typed keys; lines end in \r\n). */
  screen: () => string
  /** Types `keys` on the terminal. */
  type(keys: string): void
  /** Resolves once the screen matches; fails after `timeoutMs` with the screen so far. */
  waitFor(what: string, pattern: RegExp, timeoutMs?: number): Promise<void>
  /** The child's exit code (`script -e` passes it on), or null when a signal ended it. */
  exited: Promise<number | null>
}

function shellQuote(word: string): string {
  return `'${word.replaceAll("'", `'\\''`)}'`
}

/** `term` is the terminal type the child sees: dumb by default, so that no colours or cursor moves are expected. */
export function spawnInPty(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  term = 'dumb',
): PtyProcess {
  const line = `exec ${[command, ...args].map(shellQuote).join(' ')}`
  const child = spawn('script', ['-qfec', line, '/dev/null'], {
    env: { ...env, TERM: term, SHELL: '/bin/sh' },
    stdio: ['pipe', 'pipe', 'pipe'],
  })
  let screen = ''
  child.stdout?.setEncoding('utf8').on('data', (text: string) => {
    screen += text
  })
  child.stderr?.setEncoding('utf8').on('data', (text: string) => {
    screen += text
  })
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  return {
    child,
    screen: () => screen,
    type: (keys) => void child.stdin?.write(keys),
    exited,
    async waitFor(what, pattern, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs
      while (!pattern.test(screen)) {
        if (Date.now() > deadline) throw new Error(`no ${what} within ${timeoutMs} ms; screen:\n${screen}`)
        await sleep(20)
      }
    },
  }
}
