// Cuts over-long JSON string literals in SSE `data:` lines while the text streams in. The server
// does not bound options, titles or names, and one hostile field (5 MB of control characters is
// 30 MB once escaped) would otherwise make the `state` frame too large to parse, and keep the feed
// down for as long as that question is open. The cut frame stays valid JSON; wire.ts then cuts
// each field to its own, smaller limit and reports it. Memory stays bounded whatever the field's size.

const LF = 0x0a
const CR = 0x0d
const QUOTE = 0x22
const BACKSLASH = 0x5c
const LOWER_U = 0x75

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff

/**
 * A unit is one UTF-16 code unit or one escape sequence (`\n`, `\u0001`), so a string keeps at
 * most `maxUnits` characters once parsed; the cut never splits an escape or a surrogate pair.
 * A JSON string cannot hold a raw line break, so a literal never spans SSE lines.
 */
export class JsonStringCutter {
  /** Strings cut since the last `takeCutCount()`. */
  private cuts = 0
  private line: 'field' | 'data' | 'other' = 'field'
  private fieldName = ''
  private inString = false
  /** 0: no escape; 1: after `\`; 2–5: the hex digits of `\uXXXX` read so far, plus 2. */
  private escape = 0
  private escapedCode = 0
  private units = 0
  private lastUnitHighSurrogate = false
  private skipping = false

  constructor(private readonly maxUnits: number) {}

  takeCutCount(): number {
    const cuts = this.cuts
    this.cuts = 0
    return cuts
  }

  feed(text: string): string {
    const kept: string[] = []
    // Where the text being kept began, or -1 while the rest of a cut string is dropped.
    let keptFrom = this.skipping ? -1 : 0
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i)
      if (code === LF || code === CR) {
        if (keptFrom < 0) keptFrom = i
        this.startLine()
      } else if (this.line === 'field') {
        this.readFieldName(text[i] as string)
      } else if (this.line === 'data') {
        if (!this.inString) {
          if (code === QUOTE) this.startString()
        } else if (this.escape > 0) {
          this.continueEscape(code)
        } else if (code === QUOTE) {
          this.inString = false
          if (keptFrom < 0) keptFrom = i
        } else {
          if (keptFrom >= 0 && this.mustCutBeforeNextUnit()) {
            kept.push(text.slice(keptFrom, i))
            keptFrom = -1
            this.cuts++
          }
          this.startUnit(code)
        }
      }
    }
    this.skipping = keptFrom < 0
    if (keptFrom >= 0) kept.push(text.slice(keptFrom))
    return kept.join('')
  }

  /** One unit past the limit only to finish a surrogate pair; lone high surrogates cannot stretch it. */
  private mustCutBeforeNextUnit(): boolean {
    if (this.units < this.maxUnits) return false
    return this.units > this.maxUnits || !this.lastUnitHighSurrogate
  }

  private startLine(): void {
    this.line = 'field'
    this.fieldName = ''
    this.inString = false
    this.escape = 0
  }

  private readFieldName(char: string): void {
    if (char === ':') this.line = this.fieldName === 'data' ? 'data' : 'other'
    else if (this.fieldName.length >= 4) this.line = 'other'
    else this.fieldName += char
  }

  private startString(): void {
    this.inString = true
    this.units = 0
    this.lastUnitHighSurrogate = false
  }

  private startUnit(code: number): void {
    this.units++
    if (code === BACKSLASH) this.escape = 1
    else this.lastUnitHighSurrogate = isHighSurrogate(code)
  }

  private continueEscape(code: number): void {
    if (this.escape === 1 && code !== LOWER_U) {
      this.escape = 0
      this.lastUnitHighSurrogate = false
    } else if (this.escape === 1) {
      this.escape = 2
      this.escapedCode = 0
    } else {
      this.escapedCode = this.escapedCode * 16 + (Number.parseInt(String.fromCharCode(code), 16) || 0)
      this.escape++
      if (this.escape === 6) {
        this.escape = 0
        this.lastUnitHighSurrogate = isHighSurrogate(this.escapedCode)
      }
    }
  }
}
