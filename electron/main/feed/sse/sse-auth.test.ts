import { checkServerUrl } from '@shared/server-url'
import { describe, expect, it } from 'vitest'
import { authHeaders } from './sse-auth'

describe('checkServerUrl', () => {
  it('accepts https anywhere and http only to this machine', () => {
    expect(checkServerUrl('https://scrum4me.example.com').host).toBe('scrum4me.example.com')
    expect(checkServerUrl('http://127.0.0.1:3000').port).toBe('3000')
    expect(checkServerUrl('http://localhost:3000').hostname).toBe('localhost')
    expect(() => checkServerUrl('http://scrum4me.example.com')).toThrow(/must use https/)
    expect(() => checkServerUrl('ftp://x')).toThrow(/must use https/)
    expect(() => checkServerUrl('not a url')).toThrow(/not a URL/)
  })

  it('counts only real loopback addresses as this machine', () => {
    expect(checkServerUrl('http://127.0.0.2:3000').hostname).toBe('127.0.0.2')
    expect(checkServerUrl('http://[::1]:3000').hostname).toBe('[::1]')
    expect(() => checkServerUrl('http://127.evil.example')).toThrow(/must use https/)
    expect(() => checkServerUrl('http://127.0.0.1.evil.example')).toThrow(/must use https/)
  })

  it('never repeats what was typed: a secret pasted into the address must not reach the log', () => {
    const pasted = 'tok-pasted-SECRET-4711'
    for (const raw of [pasted, `http://user:${pasted}@scrum4me.example.com`, `ftp://${pasted}.example`]) {
      expect(() => checkServerUrl(raw)).toThrow()
      expect(() => checkServerUrl(raw)).not.toThrow(new RegExp(pasted))
    }
  })
})

describe('authHeaders', () => {
  it('sends a cookie or a bearer token, never both', () => {
    expect(authHeaders({ kind: 'cookie', cookie: 'a=b' })).toEqual({ Cookie: 'a=b' })
    expect(authHeaders({ kind: 'bearer', token: 't' })).toEqual({ Authorization: 'Bearer t' })
  })
})
