import { describe, expect, it } from 'vitest'
import { Redactor } from '../log/redact'
import { secretsOf } from './feed-config'

describe('secretsOf', () => {
  it('names the token, the cookie and a database password in either place', () => {
    const sse = { kind: 'sse', serverUrl: 'https://s.example.com' } as const
    expect(secretsOf({ ...sse, auth: { kind: 'bearer', token: 'tok-1' } })).toEqual(['tok-1'])
    expect(secretsOf({ ...sse, auth: { kind: 'cookie', cookie: 's4m_session=abc' } })).toEqual([
      's4m_session=abc',
    ])
    expect(
      secretsOf({ kind: 'pg', connectionString: 'postgres://u:p%40ss@db.example.com/s4m', userId: 'u1' }),
    ).toEqual(['p@ss'])
    expect(
      secretsOf({
        kind: 'pg',
        connectionString: 'postgres://u@db.example.com/s4m?password=kw-pw',
        userId: 'u1',
      }),
    ).toEqual(['kw-pw'])
    expect(
      secretsOf({ kind: 'pg', connectionString: 'postgres://u@db.example.com/s4m', userId: 'u1' }),
    ).toEqual([])
  })

  it('lets the CLI hide a password that appears outside any URL', () => {
    const redactor = new Redactor()
    for (const secret of secretsOf({
      kind: 'pg',
      connectionString: 'postgres://u:Zq9-x!@h/db',
      userId: 'u1',
    }))
      redactor.addSecret(secret)
    expect(redactor.redact('auth failed for Zq9-x! (28P01)')).not.toContain('Zq9-x!')
  })
})
