import { describe, expect, it } from 'vitest'
import { Redactor, redactSecrets } from './redact'

describe('redactSecrets', () => {
  it('hides passwords in URLs and keeps the user and host', () => {
    expect(redactSecrets('connect postgres://notifier:s3cr3t@db.example.com/x failed')).toBe(
      'connect postgres://notifier:***@db.example.com/x failed',
    )
    expect(redactSecrets('{"url":"postgresql://u:p%40ss@h:5432/d"}')).toBe(
      '{"url":"postgresql://u:***@h:5432/d"}',
    )
    // A port is not a password.
    expect(redactSecrets('GET https://scrum4me.example.com:8443/api failed')).toBe(
      'GET https://scrum4me.example.com:8443/api failed',
    )
  })

  it('hides bearer tokens, also inside JSON', () => {
    expect(redactSecrets('Authorization: Bearer abc.def-ghi')).toBe('Authorization: Bearer ***')
    expect(redactSecrets('headers={"authorization":"Bearer abc.def"}')).toBe(
      'headers={"authorization":"Bearer ***"}',
    )
  })

  it('hides every cookie value in header, JSON and field form', () => {
    expect(redactSecrets('Cookie: s4m_session=abc; theme=dark')).toBe('Cookie: ***')
    expect(redactSecrets('Set-Cookie: s4m_session=abc; Path=/; HttpOnly')).toBe('Set-Cookie: ***')
    expect(redactSecrets('headers={"cookie":"s4m_session=abc","accept":"x"}')).toBe(
      'headers={"cookie":"***","accept":"x"}',
    )
    expect(redactSecrets('sent (cookie=s4m_session=abc; b=c attempt=2)')).toBe('sent (cookie=*** attempt=2)')
  })

  it('hides password= in queries, libpq keywords (quoted or not) and JSON', () => {
    expect(redactSecrets('host=db password=hunter2 user=x')).toBe('host=db password=*** user=x')
    expect(redactSecrets("host=db password='with space' user=x")).toBe('host=db password=*** user=x')
    expect(redactSecrets('postgres://h/d?sslmode=require&password=hunter2&x=1')).toBe(
      'postgres://h/d?sslmode=require&password=***&x=1',
    )
    expect(redactSecrets('{"user":"u","password":"hu\\"nter2"}')).toBe('{"user":"u","password":"***"}')
  })

  it('leaves ordinary lines alone', () => {
    const line = '2026-11-29T10:00:00.000Z info feed: disconnected (ECONNRESET), retry in 2.4 s'
    expect(redactSecrets(line)).toBe(line)
  })
})

describe('Redactor', () => {
  it('hides a registered secret wherever it appears, next to the shape rules', () => {
    const redactor = new Redactor()
    redactor.addSecret('tok-4f9a1c')
    expect(redactor.redact('sse: 401 for token tok-4f9a1c (header=X-Token:tok-4f9a1c)')).toBe(
      'sse: 401 for token *** (header=X-Token:***)',
    )
    expect(redactor.redact('Bearer other')).toBe('Bearer ***')
  })

  it('matches secrets full of regex metacharacters literally', () => {
    const redactor = new Redactor()
    const secret = 'a.b*c+(d)?[e]{2}^$|f\\g'
    redactor.addSecret(secret)
    expect(redactor.redact(`pw ${secret} end`)).toBe('pw *** end')
    // As a pattern `a.b` would also match `aXb`; literally it must not.
    expect(redactor.redact('aXb*c+(d)?[e]{2}^$|f\\g')).toBe('aXb*c+(d)?[e]{2}^$|f\\g')
  })

  it('finds a secret that JSON escaping split apart, once or twice, and URL-encoded', () => {
    const redactor = new Redactor()
    const secret = 'p"ss\\w\nrd@1'
    redactor.addSecret(secret)
    const once = JSON.stringify({ secret })
    const twice = JSON.stringify({ payload: once })
    for (const line of [once, twice, `url=postgres://u:${encodeURIComponent(secret)}@h/d`]) {
      const redacted = redactor.redact(line)
      expect(redacted).toContain('***')
      expect(redacted).not.toContain('ss\\')
      expect(redacted).not.toContain('rd@1')
      expect(redacted).not.toContain('rd%401')
    }
  })

  it('ignores secrets too short to mask without shredding every line', () => {
    const redactor = new Redactor()
    redactor.addSecret('')
    redactor.addSecret('e')
    expect(redactor.redact('feed: connected')).toBe('feed: connected')
  })
})
