// The built main bundle (out/main/index.js) in a child Node process, with the Electron stand-in
// injected, driven over the child's IPC channel. Every wait is time-bound, and the child's stderr
// (the app's log lines) is kept for the failure message.
import { type ChildProcess, fork } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type {
  Command,
  CommandMessage,
  InvokeCaller,
  ReplyMessage,
  StandInState,
} from './electron-stand-in/protocol'
import { STAND_IN_ENV, standInPaths } from './electron-stand-in/protocol'

export const REPO = fileURLToPath(new URL('../..', import.meta.url))
export const MAIN_BUNDLE = join(REPO, 'out', 'main', 'index.js')
const INJECT = pathToFileURL(fileURLToPath(new URL('./electron-stand-in/inject.ts', import.meta.url))).href
// The child runs the bundle from the repository, but an absolute loader path depends on nothing.
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href
// Generous on purpose: on a loaded machine the child can take many seconds to boot before it reads
// its first command, and to answer one. A long wait costs time only when something is broken.
const REPLY_TIMEOUT_MS = 30_000
const WAIT_TIMEOUT_MS = 30_000

export type CallerOptions = Pick<InvokeCaller, 'windowId'> & Partial<InvokeCaller>

export interface AppProcessOptions {
  /** The stand-in's temporary folder (see standInPaths). */
  root: string
  /** The session bus the app's keychain talks to. */
  dbusAddress: string
  /** Extra environment variables for the app. */
  env?: Record<string, string>
}

export class AppProcess {
  readonly paths: ReturnType<typeof standInPaths>
  /** The exit code, or the signal's name; settles when the process is gone. */
  readonly exited: Promise<number | string>
  private readonly child: ChildProcess
  /** Commands awaiting their reply; a reply, a timeout or the process's end settles each. */
  private readonly pending = new Map<number, (reply: ReplyMessage) => void>()
  private nextId = 1
  private output = ''

  constructor({ root, dbusAddress, env = {} }: AppProcessOptions) {
    if (!existsSync(MAIN_BUNDLE))
      throw new Error(`${MAIN_BUNDLE} is missing: run \`npm run build\` first (\`npm test\` does)`)
    this.paths = standInPaths(root)
    this.child = fork(MAIN_BUNDLE, [], {
      cwd: REPO,
      execArgv: ['--import', TSX, '--import', INJECT],
      // Only what the app needs: no NODE_OPTIONS from the test runner, no desktop of the developer's.
      env: {
        PATH: process.env.PATH,
        TMPDIR: process.env.TMPDIR,
        HOME: this.paths.home,
        XDG_CONFIG_HOME: join(this.paths.home, '.config'),
        DBUS_SESSION_BUS_ADDRESS: dbusAddress,
        TZ: 'UTC',
        [STAND_IN_ENV.root]: root,
        // Belt and braces: even if node_modules/electron/index.js were loaded, it must not download.
        ELECTRON_SKIP_BINARY_DOWNLOAD: '1',
        ELECTRON_OVERRIDE_DIST_PATH: join(root, 'no-electron'),
        ...env,
      },
      serialization: 'advanced',
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    })
    for (const stream of [this.child.stdout, this.child.stderr])
      stream?.on('data', (chunk: Buffer) => {
        this.output += chunk.toString('utf8')
      })
    this.child.on('message', (message: ReplyMessage) => {
      this.pending.get(message.id)?.(message)
      this.pending.delete(message.id)
    })
    this.exited = new Promise((resolve) =>
      this.child.once('exit', (code, signal) => {
        const error = `the app exited (${code ?? signal}) before replying`
        for (const [id, settle] of this.pending)
          settle({ id, ok: false, error: `${error}; it said:\n${this.output}` })
        this.pending.clear()
        resolve(code ?? signal ?? 'unknown')
      }),
    )
  }

  /** What the app wrote to stdout and stderr so far. */
  get log(): string {
    return this.output
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null
  }

  async send(command: Command): Promise<unknown> {
    if (!this.running) throw new Error(`the app is not running; it said:\n${this.output}`)
    const id = this.nextId++
    const reply = new Promise<ReplyMessage>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id)
        reject(
          new Error(
            `no reply to ${command.kind} within ${REPLY_TIMEOUT_MS} ms; the app said:\n${this.output}`,
          ),
        )
      }, REPLY_TIMEOUT_MS)
      this.pending.set(id, (message) => {
        clearTimeout(timer)
        resolve(message)
      })
    })
    this.child.send({ id, command } satisfies CommandMessage)
    const message = await reply
    if (!message.ok) throw new Error(message.error)
    return message.value
  }

  state(): Promise<StandInState> {
    return this.send({ kind: 'state' }) as Promise<StandInState>
  }

  /** An ipcRenderer.invoke from window `windowId`'s page, unless the caller says otherwise. */
  invoke(
    channel: string,
    request: unknown,
    { windowId, frameUrl = 'app://panel/index.html', subframe = false }: CallerOptions,
  ): Promise<unknown> {
    return this.send({ kind: 'invoke', channel, request, from: { windowId, frameUrl, subframe } })
  }

  /** Polls the stand-in's state until `done` holds; fails with the last state and the app's log. */
  async until(
    done: (state: StandInState) => boolean,
    what: string,
    ms = WAIT_TIMEOUT_MS,
  ): Promise<StandInState> {
    const started = Date.now()
    for (;;) {
      const state = await this.state()
      if (done(state)) return state
      if (Date.now() - started > ms)
        throw new Error(
          `gave up after ${ms} ms waiting for ${what}; tray: ${JSON.stringify(state.tray)}\n${this.output}`,
        )
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  }

  /** Waits for the process to end by itself. */
  async exit(ms = WAIT_TIMEOUT_MS): Promise<number | string> {
    let timer: NodeJS.Timeout | undefined
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`the app did not exit within ${ms} ms; it said:\n${this.output}`)),
        ms,
      )
    })
    try {
      return await Promise.race([this.exited, timeout])
    } finally {
      clearTimeout(timer)
    }
  }

  /** For afterEach: whatever state it is in, the process is gone afterwards. */
  async kill(): Promise<void> {
    if (!this.running) return
    this.child.kill('SIGKILL')
    await this.exited
  }
}
