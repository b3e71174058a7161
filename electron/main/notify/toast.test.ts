import { describe, expect, it } from 'vitest'
import { fakeClock } from '../../../test/support/fake-clock'
import { makeQuestion } from '../../../test/support/questions'
import { ToastCoalescer, type ToastRequest } from './toast-coalescer'
import { plainToastText, toastBody, toastTitle } from './toast-text'

describe('toast text', () => {
  it('is plain, single-line, markup-inert and truncated', () => {
    expect(plainToastText('<b>bold</b> & <img src=x onerror=alert(1)>', 200)).toBe(
      '‹b›bold‹/b› ＆ ‹img src=x onerror=alert(1)›',
    )
    expect(plainToastText('line one\n\nline\ttwo', 200)).toBe('line one line two')
    expect(plainToastText('abc\u202Eevil\u200B', 200)).toBe('abcevil')
    expect(plainToastText('x'.repeat(500), 200)).toHaveLength(200)
    expect(plainToastText('x'.repeat(500), 200).endsWith('…')).toBe(true)
  })

  it('titles a toast with product and story, or idea', () => {
    expect(toastTitle(makeQuestion('a'))).toBe('Webshop · ST-101')
    expect(toastTitle(makeQuestion('b', { storyCode: null, storyTitle: null, ideaCode: 'ID-7' }))).toBe(
      'Webshop · ID-7',
    )
    expect(toastTitle(makeQuestion('c', { productName: null, storyCode: null, storyTitle: null }))).toBe(
      'Scrum4Me',
    )
    expect(toastBody(makeQuestion('d', { text: 'a'.repeat(300) }))).toHaveLength(200)
  })

  it('shows a Markdown question as plain text: markers gone, code and link addresses kept', () => {
    const text = '**Merge?** Run `npm test`:\n```\nnpm run build\n```\n- see [PR](https://x.test/pr/1)'
    expect(toastBody(makeQuestion('e', { text }))).toBe(
      'Merge? Run npm test: npm run build • see PR (https://x.test/pr/1)',
    )
  })
})

describe('ToastCoalescer', () => {
  it('shows a lone question at once, as its own toast', () => {
    const { clock } = fakeClock()
    const shown: ToastRequest[] = []
    new ToastCoalescer({ show: (toast) => shown.push(toast), clock }).add([makeQuestion('a')])
    expect(shown).toEqual([{ kind: 'question', question: makeQuestion('a') }])
  })

  it('turns a reconnect backlog into one summary toast', () => {
    const { clock } = fakeClock()
    const shown: ToastRequest[] = []
    new ToastCoalescer({ show: (toast) => shown.push(toast), clock }).add([
      makeQuestion('a'),
      makeQuestion('b'),
      makeQuestion('c'),
    ])
    expect(shown).toHaveLength(1)
    expect(shown[0]).toMatchObject({ kind: 'summary' })
    expect(shown[0]?.kind === 'summary' && shown[0].questions.map((q) => q.id)).toEqual(['a', 'b', 'c'])
  })

  it('gathers questions that follow within the window into one more toast', () => {
    const { clock, timers } = fakeClock()
    const shown: ToastRequest[] = []
    const coalescer = new ToastCoalescer({ show: (toast) => shown.push(toast), clock, windowMs: 1500 })
    coalescer.add([makeQuestion('a')])
    timers.tick(200)
    coalescer.add([makeQuestion('b')])
    timers.tick(200)
    coalescer.add([makeQuestion('c')])
    expect(shown).toHaveLength(1)
    timers.tick(1100)
    expect(shown).toHaveLength(2)
    expect(shown[1]).toMatchObject({ kind: 'summary' })
    timers.tick(5000)
    coalescer.add([makeQuestion('d')])
    expect(shown.at(-1)).toEqual({ kind: 'question', question: makeQuestion('d') })
  })
})
