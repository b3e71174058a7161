import { describe, expect, it } from 'vitest'
import {
  joinConnectionString,
  secureConnectionString,
  splitConnectionString,
  sseAuthOf,
  sseSecretName,
} from './connection-secrets'

describe('splitConnectionString / joinConnectionString', () => {
  it('takes the password out and puts it back', () => {
    const raw = 'postgres://notifier:s3cret@db.example.com:5433/s4m?sslmode=verify-full'
    const split = splitConnectionString(raw)
    expect(split).toEqual({
      connectionString: 'postgres://notifier@db.example.com:5433/s4m?sslmode=verify-full',
      password: 's3cret',
    })
    expect(joinConnectionString(split.connectionString, split.password)).toBe(raw)
  })

  it('keeps reserved and unicode characters of a password intact', () => {
    const password = 'p@ss:w/rd?#%&=ü 🔑'
    const joined = joinConnectionString('postgres://u@db.example.com/s4m', password)
    expect(splitConnectionString(joined)).toEqual({
      connectionString: 'postgres://u@db.example.com/s4m',
      password,
    })
  })

  it('has no password to take when there is none', () => {
    expect(splitConnectionString('postgresql://u@localhost/s4m')).toEqual({
      connectionString: 'postgresql://u@localhost/s4m',
      password: null,
    })
    expect(joinConnectionString('postgres://u@localhost/s4m', null)).toBe('postgres://u@localhost/s4m')
  })

  it('refuses what is not a postgres URL, without echoing it', () => {
    expect(() => splitConnectionString('https://u:s3cret@db.example.com')).toThrow(/postgres:\/\//)
    expect(() => splitConnectionString('not a url s3cret')).toThrow(/not a URL/)
    expect(() => splitConnectionString('not a url s3cret')).not.toThrow(/s3cret/)
  })
})

describe('secureConnectionString', () => {
  it('asks for verify-full by default for a remote host, not for this machine', () => {
    expect(secureConnectionString('postgres://u@db.example.com/s4m')).toBe(
      'postgres://u@db.example.com/s4m?sslmode=verify-full',
    )
    expect(secureConnectionString('postgres://u@localhost/s4m')).toBe('postgres://u@localhost/s4m')
    expect(secureConnectionString('postgres://u@127.0.0.1/s4m?sslmode=disable')).toBe(
      'postgres://u@127.0.0.1/s4m?sslmode=disable',
    )
  })

  it('counts only real loopback hosts as this machine (the same rule as the server URL)', () => {
    for (const host of ['127.999.0.1', '127.evil.example', 'localhost.evil.example'])
      expect(() => secureConnectionString(`postgres://u@${host}/s4m?sslmode=disable`), host).toThrow(
        /without TLS/,
      )
    expect(secureConnectionString('postgres://u@127.0.0.2/s4m?sslmode=disable')).toMatch(/sslmode=disable/)
    expect(secureConnectionString('postgres:///s4m?host=::1&sslmode=disable')).toMatch(/sslmode=disable/)
  })

  it('never repeats any part of what was typed in its errors', () => {
    const pasted = 'pw-pasted-SECRET-0815'
    for (const raw of [
      `${pasted}:x`,
      `postgres://u@db.example.com/s4m?sslmode=${pasted}`,
      `postgres://u@${pasted}.example.com/s4m?sslmode=disable`,
      `postgres://u@db.example.com/s4m?${pasted}rejectUnauthorized=false`,
    ]) {
      expect(() => secureConnectionString(raw), raw).toThrow()
      expect(() => secureConnectionString(raw), raw).not.toThrow(new RegExp(pasted))
    }
  })

  it('refuses sslmode=disable to a remote host, and settings that switch certificate checks off', () => {
    expect(() => secureConnectionString('postgres://u@db.example.com/s4m?sslmode=disable')).toThrow(
      /without TLS/,
    )
    expect(() => secureConnectionString('postgres://u@db.example.com/s4m?sslmode=no-verify')).toThrow(
      /no-verify/,
    )
    expect(() =>
      secureConnectionString('postgres://u@db.example.com/s4m?sslmode=disable&ssl.rejectUnauthorized=false'),
    ).toThrow(/certificate checks off/)
  })

  it('ignores PGSSLMODE, so the saved string means the same on every start', () => {
    const saved = process.env.PGSSLMODE
    process.env.PGSSLMODE = 'disable'
    try {
      expect(secureConnectionString('postgres://u@db.example.com/s4m')).toMatch(/sslmode=verify-full/)
    } finally {
      if (saved === undefined) delete process.env.PGSSLMODE
      else process.env.PGSSLMODE = saved
    }
  })
})

describe('SSE secrets', () => {
  it('names the keychain item after the kind of auth', () => {
    expect(sseSecretName('cookie')).toBe('session-cookie')
    expect(sseSecretName('bearer')).toBe('api-token')
  })

  it('builds the auth from the secret', () => {
    expect(sseAuthOf('bearer', 't0k')).toEqual({ kind: 'bearer', token: 't0k' })
    expect(sseAuthOf('cookie', 'abc', 'session')).toEqual({ kind: 'cookie', cookie: 'session=abc' })
    expect(sseAuthOf('cookie', 'a=1; b=2')).toEqual({ kind: 'cookie', cookie: 'a=1; b=2' })
  })
})
