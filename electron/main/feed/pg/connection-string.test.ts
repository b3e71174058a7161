// The rules of a postgres:// URL, without a database: what is refused and what is pinned.
import { describe, expect, it } from 'vitest'
import { checkConnectionString } from './connection-string'

describe('connection strings', () => {
  const env = {}

  it('refuses a query parameter given twice, since pg takes the last one and we must see what pg sees', () => {
    for (const query of [
      'host=localhost&host=evil.example',
      'user=notifier&user=admin',
      'port=5432&port=6543',
      'password=s3cret&password=other',
      'sslmode=verify-full&sslmode=disable',
    ]) {
      const attempt = () => checkConnectionString(`postgres://u:s3cret@db.example.com/app?${query}`, env)
      expect(attempt, query).toThrow(/more than once/)
      expect(attempt, query).not.toThrow(/s3cret|evil|admin|6543|other/)
    }
  })

  it('refuses settings that turn certificate checks off, without echoing the password', () => {
    for (const query of ['sslmode=no-verify', 'ssl=no-verify', 'sslrejectunauthorized=false']) {
      const attempt = () => checkConnectionString(`postgres://u:s3cret@db.example.com/app?${query}`, env)
      expect(attempt).toThrow(/certificate checks off/)
      expect(attempt).not.toThrow(/s3cret/)
    }
    expect(() =>
      checkConnectionString('postgres://u:s3cret@db.example.com/app', { PGSSLMODE: 'no-verify' }),
    ).toThrow(/no-verify/)
    expect(() => checkConnectionString('postgres://u:p@db.example.com/app?sslmode=disable', env)).toThrow(
      /without TLS/,
    )
    expect(() => checkConnectionString('postgres://u:p@db.example.com/app?sslmode=bogus', env)).toThrow(
      /sslmode/,
    )
    expect(() => checkConnectionString('https://db.example.com/app', env)).toThrow(/postgres:\/\//)
    expect(() => checkConnectionString('not a url with s3cret', env)).not.toThrow(/s3cret/)
  })

  it('pins verify-full for remote hosts and leaves loopback alone', () => {
    const sslmode = (raw: string) => checkConnectionString(raw, env).searchParams.get('sslmode')
    expect(sslmode('postgres://u:p@db.example.com/app')).toBe('verify-full')
    expect(sslmode('postgres://u:p@db.example.com/app?sslmode=require')).toBe('verify-full')
    expect(sslmode('postgres://u:p@127.0.0.1:5432/app')).toBeNull()
    expect(sslmode('postgres://u:p@localhost/app?sslmode=disable')).toBe('disable')
    expect(sslmode('postgres://u:p@[::1]/app')).toBeNull()
  })
})
