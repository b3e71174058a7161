import { describe, expect, it } from 'vitest'
import type { FeedUpdate } from '../feed/transport'
import { UpdateBatcher } from './update-batcher'

const left = (id: string): FeedUpdate => ({ kind: 'left', id, status: 'answered' })

describe('UpdateBatcher', () => {
  it('hands over everything delivered in one turn as one batch, in order', async () => {
    const batches: FeedUpdate[][] = []
    const batcher = new UpdateBatcher((updates) => batches.push(updates))
    for (let i = 0; i < 10_000; i++) batcher.push(left(`q${i}`))
    expect(batches).toEqual([])
    await new Promise((resolve) => setImmediate(resolve))
    expect(batches).toHaveLength(1)
    expect(batches[0]).toHaveLength(10_000)
    expect(batches[0]?.[9_999]).toEqual(left('q9999'))
    batcher.push(left('later'))
    await new Promise((resolve) => setImmediate(resolve))
    expect(batches.map((batch) => batch.length)).toEqual([10_000, 1])
  })

  it('flushes what is pending on demand, once', async () => {
    const batches: FeedUpdate[][] = []
    const batcher = new UpdateBatcher((updates) => batches.push(updates))
    batcher.push(left('a'))
    batcher.flushNow()
    await new Promise((resolve) => setImmediate(resolve))
    expect(batches).toEqual([[left('a')]])
  })
})
