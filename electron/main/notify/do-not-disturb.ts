// The OS do-not-disturb state, read where that needs no native module:
// - GNOME: `gsettings get org.gnome.desktop.notifications show-banners` (false = do not disturb);
// - macOS 12+: a Focus that is on leaves a record in ~/Library/DoNotDisturb/DB/Assertions.json.
//   Focus schedules add none, and newer macOS may deny the read without Full Disk Access: 'unknown'.
// Everything else is 'unknown'. Windows focus assist is only readable through a native API
// (SHQueryUserNotificationState / WNF); Windows holds toasts back itself while it is on.
// A read never throws and never blocks: a failure, a timeout or an odd answer is 'unknown'.
import { execFile } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { z } from 'zod'

export type DoNotDisturb = 'on' | 'off' | 'unknown'

export interface DoNotDisturbOptions {
  platform?: NodeJS.Platform
  /** Passed to gsettings; tests point XDG_CONFIG_HOME and GSETTINGS_BACKEND at a temp config. */
  env?: NodeJS.ProcessEnv
  gsettings?: string
  /** Where macOS keeps ~/Library. */
  homeDir?: string
  /** A burst of questions shares one read. */
  cacheMs?: number
  timeoutMs?: number
  now?: () => number
}

const CACHE_MS = 5000
const TIMEOUT_MS = 1500

/** Returns a reader that caches its answer for `cacheMs` and shares one read between concurrent callers. */
export function doNotDisturbReader(options: DoNotDisturbOptions = {}): () => Promise<DoNotDisturb> {
  const platform = options.platform ?? process.platform
  const now = options.now ?? Date.now
  const cacheMs = options.cacheMs ?? CACHE_MS
  const read = readerFor(platform, options)
  let cached: { state: Promise<DoNotDisturb>; at: number } | null = null
  return () => {
    if (cached && now() - cached.at < cacheMs) return cached.state
    const state = read().catch((): DoNotDisturb => 'unknown')
    cached = { state, at: now() }
    return state
  }
}

function readerFor(platform: NodeJS.Platform, options: DoNotDisturbOptions): () => Promise<DoNotDisturb> {
  const env = options.env ?? process.env
  if (platform === 'linux' && isGnome(env)) return () => readGnome(env, options)
  if (platform === 'darwin') {
    const file = join(options.homeDir ?? homedir(), 'Library', 'DoNotDisturb', 'DB', 'Assertions.json')
    return () => readFocusFile(file)
  }
  return async () => 'unknown'
}

/** Other desktops ship gsettings too, but show-banners means nothing to them. */
function isGnome(env: NodeJS.ProcessEnv): boolean {
  return (env.XDG_CURRENT_DESKTOP ?? '').split(':').some((name) => /^(gnome|ubuntu|unity)$/i.test(name))
}

function readGnome(env: NodeJS.ProcessEnv, options: DoNotDisturbOptions): Promise<DoNotDisturb> {
  const args = ['get', 'org.gnome.desktop.notifications', 'show-banners']
  const timeout = options.timeoutMs ?? TIMEOUT_MS
  return new Promise((resolve) => {
    execFile(
      options.gsettings ?? 'gsettings',
      args,
      { env, timeout, killSignal: 'SIGKILL' },
      (error, stdout) => {
        if (error) return resolve('unknown')
        const answer = stdout.trim()
        resolve(answer === 'false' ? 'on' : answer === 'true' ? 'off' : 'unknown')
      },
    )
  })
}

async function readFocusFile(file: string): Promise<DoNotDisturb> {
  try {
    return parseFocusAssertions(await readFile(file, 'utf8'))
  } catch {
    return 'unknown'
  }
}

const assertionsSchema = z.object({
  data: z.array(z.object({ storeAssertionRecords: z.array(z.unknown()).optional() })),
})

/** Assertions.json: any assertion record means a Focus is on; a file without any means none is. */
function parseFocusAssertions(json: string): DoNotDisturb {
  let raw: unknown
  try {
    raw = JSON.parse(json)
  } catch {
    return 'unknown'
  }
  const parsed = assertionsSchema.safeParse(raw)
  if (!parsed.success) return 'unknown'
  return parsed.data.data.some((entry) => (entry.storeAssertionRecords ?? []).length > 0) ? 'on' : 'off'
}
