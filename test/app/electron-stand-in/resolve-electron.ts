// ES module resolve hook (runs on Node's loader thread): 'electron' is electron-esm.ts. It hands
// the specifier on rather than returning a URL, so tsx's own hooks still compile that file.
type Context = { parentURL?: string }
type NextResolve = (specifier: string, context: Context) => Promise<unknown>

const ELECTRON_ESM = new URL('./electron-esm.ts', import.meta.url).href

export function resolve(specifier: string, context: Context, nextResolve: NextResolve): Promise<unknown> {
  return nextResolve(specifier === 'electron' ? ELECTRON_ESM : specifier, context)
}
