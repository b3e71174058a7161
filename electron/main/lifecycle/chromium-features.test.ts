import { describe, expect, it } from 'vitest'
import { enableChromiumFeatures, type FeatureSwitches } from './chromium-features'

/** A command line as Chromium keeps it: one value per switch, the last append wins. */
function commandLine(initial: Record<string, string> = {}) {
  const switches = new Map(Object.entries(initial))
  const appended: [string, string | undefined][] = []
  const port: FeatureSwitches = {
    appendSwitch: (name, value) => {
      appended.push([name, value])
      switches.set(name, value ?? '')
    },
    getSwitchValue: (name) => switches.get(name) ?? '',
  }
  return { port, appended, value: (name: string) => switches.get(name) }
}

describe('enableChromiumFeatures', () => {
  it("turns on the GlobalShortcutsPortal on Linux, so the shortcut reaches Wayland's portal", () => {
    const line = commandLine()
    enableChromiumFeatures(line.port, 'linux')
    expect(line.appended).toEqual([['enable-features', 'GlobalShortcutsPortal']])
  })

  it('keeps the features the app was started with, since only the last enable-features counts', () => {
    const line = commandLine({ 'enable-features': 'WaylandWindowDecorations,VaapiVideoDecoder' })
    enableChromiumFeatures(line.port, 'linux')
    expect(line.value('enable-features')).toBe(
      'WaylandWindowDecorations,VaapiVideoDecoder,GlobalShortcutsPortal',
    )
  })

  it('adds nothing when the feature is already on, with or without field-trial parameters', () => {
    for (const given of ['GlobalShortcutsPortal', 'Foo,GlobalShortcutsPortal', 'GlobalShortcutsPortal:a/b']) {
      const line = commandLine({ 'enable-features': given })
      enableChromiumFeatures(line.port, 'linux')
      expect(line.appended, given).toEqual([])
    }
  })

  it('leaves the command line alone on macOS and Windows, which have no desktop portal', () => {
    for (const platform of ['darwin', 'win32'] as const) {
      const line = commandLine()
      enableChromiumFeatures(line.port, platform)
      expect(line.appended, platform).toEqual([])
    }
  })
})
