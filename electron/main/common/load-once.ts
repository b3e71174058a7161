// A dependency loaded on its first use, not at start: a feed mode never loads the other mode's
// client library (pg weighs ~13 MB of RSS, undici ~17 MB plus its WebAssembly HTTP parser).

export interface LoadOnce<T> {
  /** Loads the module the first time; every call shares that one load. */
  load(): Promise<T>
  /** The module if a load has finished, else undefined; for synchronous code that runs after one. */
  loaded(): T | undefined
}

export function loadOnce<T>(importer: () => Promise<T>): LoadOnce<T> {
  let pending: Promise<T> | undefined
  let value: T | undefined
  return {
    load() {
      pending ??= importer().then((module) => {
        value = module
        return module
      })
      return pending
    },
    loaded: () => value,
  }
}
