import { describe, expect, it } from 'vitest'
import type { ConnectionSettings } from './settings'
import { storedSecretFits } from './stored-secret'

const sse: ConnectionSettings = { kind: 'sse', serverUrl: 'https://scrum4me.example.com', authKind: 'bearer' }
const pg: ConnectionSettings = {
  kind: 'pg',
  connectionString: 'postgres://notifier@db.example.com/scrum4me?sslmode=verify-full',
  userId: 'usr_1',
}

describe('storedSecretFits', () => {
  it('keeps an SSE secret for the same origin and the same kind of login only', () => {
    expect(storedSecretFits(sse, { ...sse, serverUrl: 'https://SCRUM4ME.example.com:443/app' })).toBe(true)
    expect(storedSecretFits(sse, { ...sse, streamPath: '/events' })).toBe(true)
    for (const serverUrl of [
      'https://evil.example',
      'https://scrum4me.example.com.evil.example',
      'https://scrum4me.example.com:8443',
      'http://localhost:3000',
    ])
      expect(storedSecretFits(sse, { ...sse, serverUrl }), serverUrl).toBe(false)
    expect(storedSecretFits(sse, { ...sse, authKind: 'cookie' })).toBe(false)
    expect(storedSecretFits(sse, pg)).toBe(false)
  })

  it('keeps a database password for the same host, port, database and user only', () => {
    const same = (connectionString: string) => storedSecretFits(pg, { ...pg, connectionString })
    expect(same('postgresql://notifier:typed@DB.example.com:5432/scrum4me')).toBe(true)
    expect(storedSecretFits(pg, { ...pg, userId: 'usr_2' })).toBe(true)
    for (const other of [
      'postgres://notifier@evil.example/scrum4me',
      'postgres://notifier@db.example.com:6543/scrum4me',
      'postgres://notifier@db.example.com/other',
      'postgres://admin@db.example.com/scrum4me',
      'postgres://notifier@db.example.com/scrum4me?host=evil.example',
      'postgres://notifier@db.example.com/scrum4me?user=admin',
      'not a url',
    ])
      expect(same(other), other).toBe(false)
    expect(storedSecretFits(pg, sse)).toBe(false)
  })

  it('fails closed on a query parameter given twice: pg would use the last one', () => {
    const same = (connectionString: string) => storedSecretFits(pg, { ...pg, connectionString })
    for (const query of [
      'host=db.example.com&host=evil.example',
      'user=notifier&user=admin',
      'port=5432&port=6543',
      'password=a&password=b',
    ])
      expect(same(`postgres://notifier@db.example.com/scrum4me?${query}`), query).toBe(false)
    const savedTwice = {
      ...pg,
      connectionString: `${pg.connectionString}&host=db.example.com&host=evil.example`,
    }
    expect(storedSecretFits(savedTwice, savedTwice)).toBe(false)
  })

  it('compares the host, port and user pg will use: query parameters override the URL', () => {
    const same = (connectionString: string) => storedSecretFits(pg, { ...pg, connectionString })
    expect(same('postgres://notifier@db.example.com/scrum4me?port=6543')).toBe(false)
    expect(same('postgres://notifier@db.example.com:6543/scrum4me?port=5432')).toBe(true)
    expect(same('postgres://notifier@evil.example/scrum4me?host=db.example.com')).toBe(true)
    expect(same('postgres://admin@db.example.com/scrum4me?user=notifier')).toBe(true)
    expect(same('postgres://notifier@db.example.com/scrum4me?database=other')).toBe(true)
  })

  it('says "does not fit" instead of throwing on malformed percent escapes', () => {
    const same = (connectionString: string) => storedSecretFits(pg, { ...pg, connectionString })
    for (const raw of [
      'postgres://u@%/db',
      'postgres://notifier@db.example.com/my%',
      'postgres://no%tifier@db.example.com/scrum4me',
      'postgres://notifier@db.example.com/scrum4me?host=%',
    ])
      expect(() => same(raw), raw).not.toThrow()
    expect(same('postgres://no%tifier@db.example.com/scrum4me')).toBe(false)
    const broken = { ...pg, connectionString: 'postgres://no%tifier@db.example.com/scrum4me' }
    expect(storedSecretFits(broken, broken)).toBe(false)
  })
})
