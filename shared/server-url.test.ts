import { describe, expect, it } from 'vitest'
import { isServerPath, resolveOnServer } from './server-url'
import { connectionSchema } from './settings'

// Each of these resolves to another host: `\` is a `/` in http(s) URLs, and tabs and newlines are dropped.
const LEAVING = [
  '//evil.example/x',
  '/\\evil.example/x',
  '\\\\evil.example/x',
  '/\t/evil.example/x',
  'https://evil.example/x',
]

describe('server paths', () => {
  it('accepts paths on the server and refuses every path that leaves it', () => {
    expect(isServerPath('/api/realtime/notifications')).toBe(true)
    expect(isServerPath('/api/questions/{id}/answer')).toBe(true)
    for (const path of [...LEAVING, 'api/relative', '']) expect(isServerPath(path), path).toBe(false)
  })

  it('resolves on the server, and throws rather than hand back a URL of another origin', () => {
    const server = new URL('https://scrum4me.example.com/app/')
    expect(resolveOnServer('/api/x', server).href).toBe('https://scrum4me.example.com/api/x')
    for (const path of LEAVING) expect(() => resolveOnServer(path, server), path).toThrow(/leaves the server/)
  })

  it('is the rule of the settings schema for streamPath and answerPath', () => {
    const connection = { kind: 'sse', serverUrl: 'https://scrum4me.example.com', authKind: 'bearer' }
    expect(connectionSchema.safeParse({ ...connection, streamPath: '/events' }).success).toBe(true)
    for (const path of LEAVING) {
      expect(connectionSchema.safeParse({ ...connection, streamPath: path }).success, path).toBe(false)
      expect(connectionSchema.safeParse({ ...connection, answerPath: `${path}/{id}` }).success, path).toBe(
        false,
      )
    }
  })
})
