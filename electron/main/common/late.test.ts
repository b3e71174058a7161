import { describe, expect, it } from 'vitest'
import { late } from './late'

describe('late', () => {
  it('throws, naming the value, when read before it is bound', () => {
    const host = late<number>('the core host')
    expect(() => host.get()).toThrow('the core host is used before it is made')
  })

  it('gives the bound value once bound', () => {
    const host = late<{ id: number }>('the core host')
    const value = { id: 1 }
    host.bind(value)
    expect(host.get()).toBe(value)
  })
})
