// The question cache on disk: one SQLite file and, in WAL mode, its two siblings. Only the store
// knows these names; everyone else asks here.
import { join } from 'node:path'

const CACHE_FILE = 'scrum4me-notifier.sqlite'

/** SQLite's own companions of a database file; they belong to it alone. */
const SIBLING_SUFFIXES = ['-wal', '-shm'] as const

/** The cache file in `dataDir`. */
export function cacheFileIn(dataDir: string): string {
  return join(dataDir, CACHE_FILE)
}

/** The database file followed by its siblings, whether they exist or not. */
export function withSiblings(file: string): string[] {
  return [file, ...SIBLING_SUFFIXES.map((suffix) => file + suffix)]
}
