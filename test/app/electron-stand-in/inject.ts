// `node --import tsx --import ./inject.ts main.js`: every 'electron' the process asks for, by
// `import` (the built main bundle) or by `require` (electron-updater), is the stand-in, one
// instance for both. node_modules/electron/index.js is never loaded: it may download a binary.
import Module, { register } from 'node:module'
import { fileURLToPath } from 'node:url'

const STAND_IN = fileURLToPath(new URL('./electron.ts', import.meta.url))

// CommonJS: the resolver is internal, so it is reached through a cast.
type ResolveFilename = (request: string, ...rest: unknown[]) => string
const loader = Module as unknown as { _resolveFilename: ResolveFilename }
const resolveFilename = loader._resolveFilename
loader._resolveFilename = (request, ...rest) =>
  request === 'electron' ? STAND_IN : resolveFilename(request, ...rest)

// ES modules: a resolve hook points 'electron' at a module that re-exports the CommonJS instance.
register('./resolve-electron.ts', import.meta.url)
