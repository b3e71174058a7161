import { describe, expect, it } from 'vitest'
import { isLoopbackHost } from './loopback-host'

describe('isLoopbackHost', () => {
  it('accepts numeric 127.0.0.0/8, localhost and ::1, as URLs and as bare hosts spell them', () => {
    for (const host of [
      '127.0.0.1',
      '127.1.2.3',
      '127.255.255.255',
      'localhost',
      'LocalHost',
      '::1',
      '[::1]',
    ])
      expect(isLoopbackHost(host), host).toBe(true)
  })

  it('refuses names that only start like a loopback address', () => {
    for (const host of [
      '127.evil.example',
      '127.0.0.1.evil.example',
      '127.0.0.256',
      '127.999.0.1',
      '127.0.0',
      '127.0.0.01x',
      'localhost.evil.example',
      'localhost.',
      '::2',
      '[::1].evil',
      '0.0.0.0',
      '',
    ])
      expect(isLoopbackHost(host), host).toBe(false)
  })
})
