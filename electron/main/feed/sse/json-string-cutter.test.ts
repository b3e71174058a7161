import { describe, expect, it } from 'vitest'
import { JsonStringCutter } from './json-string-cutter'

/** Feeds `text` in chunks of `chunk` characters, as the network would cut it. */
function cut(text: string, maxUnits: number, chunk = text.length): { out: string; cuts: number } {
  const cutter = new JsonStringCutter(maxUnits)
  let out = ''
  for (let at = 0; at < text.length; at += chunk) out += cutter.feed(text.slice(at, at + chunk))
  return { out, cuts: cutter.takeCutCount() }
}

const frame = (value: unknown) => `event: state\ndata: ${JSON.stringify(value)}\n\n`
const dataOf = (out: string) => JSON.parse(out.split('\n')[1]?.slice('data: '.length) ?? '')

describe('JsonStringCutter', () => {
  it('passes frames with short strings through unchanged', () => {
    const text = `${frame({ questions: [{ id: 'q1', options: ['Ja', 'Nee'] }] })}: comment "x\nid: 7\n`
    expect(cut(text, 16, 3)).toEqual({ out: text, cuts: 0 })
  })

  it('cuts a 5 MB string to the limit, keeping the JSON valid and the other fields', () => {
    const value = { questions: [{ id: 'q1', options: ['Ja', 'x'.repeat(5_000_000)] }, { id: 'q2' }] }
    const { out, cuts } = cut(frame(value), 10, 65_536)
    expect(cuts).toBe(1)
    expect(out.length).toBeLessThan(200)
    expect(dataOf(out)).toEqual({ questions: [{ id: 'q1', options: ['Ja', 'x'.repeat(10)] }, { id: 'q2' }] })
  })

  it('counts an escape as one character: 5 MB of U+0001 (30 MB escaped) keeps 10 of them', () => {
    const text = frame({ options: ['\u0001'.repeat(5_000_000), 'Nee'] })
    expect(text.length).toBeGreaterThan(30_000_000)
    const { out, cuts } = cut(text, 10, 65_536)
    expect(cuts).toBe(1)
    expect(dataOf(out)).toEqual({ options: ['\u0001'.repeat(10), 'Nee'] })
  })

  it('never splits an escape, an escaped quote or backslash near the cut', () => {
    for (let pad = 0; pad < 6; pad++) {
      const long = `${'a'.repeat(pad)}\\"\\\\\\n\\u0041"quoted"${'z'.repeat(20)}`
      for (const chunk of [1, 2, 7, 1000]) {
        const { out } = cut(frame({ s: long, t: 'after' }), 8, chunk)
        const parsed = dataOf(out)
        expect(long.startsWith(parsed.s), `pad ${pad} chunk ${chunk}`).toBe(true)
        expect(parsed.s).toHaveLength(8)
        expect(parsed.t).toBe('after')
      }
    }
  })

  it('keeps surrogate pairs whole, escaped or raw, and multi-byte characters intact', () => {
    for (const pad of [8, 9]) {
      const raw = `${'é'.repeat(pad)}${'😀'.repeat(10)}`
      expect(dataOf(cut(frame({ s: raw }), 10, 3).out).s).toBe(raw.slice(0, pad === 9 ? 11 : 10))
      const escaped = `data: {"s":"${'é'.repeat(pad)}${'\\ud83d\\ude00'.repeat(10)}"}\n`
      const s: string = JSON.parse(cut(escaped, 10, 5).out.slice('data: '.length)).s
      expect(s).toBe(raw.slice(0, pad === 9 ? 11 : 10))
      expect(/[\ud800-\udbff](?![\udc00-\udfff])/.test(s), 'a lone high surrogate').toBe(false)
    }
  })

  it('does not let lone high surrogates stretch the limit', () => {
    const { out } = cut(`data: {"s":"${'\\ud800'.repeat(1000)}"}\n`, 10)
    expect(JSON.parse(out.slice('data: '.length)).s).toHaveLength(11)
  })

  it('leaves lines other than data alone', () => {
    const text = `event: ${'e'.repeat(50)}\nretry: 10\n: ${'"x'.repeat(50)}\n`
    expect(cut(text, 4).out).toBe(text)
  })
})
