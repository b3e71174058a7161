import { describe, expect, it } from 'vitest'
import { offeredOptions } from './answer-options'

describe('offeredOptions', () => {
  it('offers the non-blank strings of a list, the first eight items only', () => {
    expect(offeredOptions(['Ja', ' ', 'Nee', ''])).toEqual({ options: ['Ja', 'Nee'], cut: false })
    const nine = Array.from({ length: 9 }, (_, i) => `o${i}`)
    expect(offeredOptions(nine).options).toEqual(nine.slice(0, 8))
    // A ninth item that is not a string is ignored like any ninth item.
    expect(offeredOptions([...nine.slice(0, 8), 42]).options).toEqual(nine.slice(0, 8))
  })

  it('takes free text for null, objects, scalars, lists with other values and blank lists', () => {
    for (const raw of [null, undefined, { pr_url: 'x' }, 'Ja', 3, [], ['', ' '], ['Ja', 1], ['Ja', null]]) {
      expect(offeredOptions(raw), JSON.stringify(raw)).toEqual({ options: null, cut: false })
    }
  })

  it('cuts an over-long option and says so', () => {
    expect(offeredOptions(['Ja', 'y'.repeat(600)])).toEqual({ options: ['Ja', 'y'.repeat(501)], cut: true })
  })
})
