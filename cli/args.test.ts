import { describe, expect, it } from 'vitest'
import { parseCommand, UsageError } from './args'

describe('parseCommand', () => {
  it('reads watch over SSE with a cookie or a token, and over PostgreSQL', () => {
    expect(
      parseCommand(['watch', '--server', 'https://s.example', '--cookie', 's4m=abc', '--data-dir', '/d']),
    ).toEqual({
      name: 'watch',
      feed: { kind: 'sse', serverUrl: 'https://s.example', auth: { kind: 'cookie', cookie: 's4m=abc' } },
      dataDir: '/d',
      verbose: false,
    })
    expect(parseCommand(['watch', '--server', 'http://127.0.0.1:3000', '--token', 't'])).toMatchObject({
      feed: { auth: { kind: 'bearer', token: 't' } },
    })
    expect(parseCommand(['watch', '--database', 'postgres://u@h/db', '--user', 'u1'])).toMatchObject({
      feed: { kind: 'pg', connectionString: 'postgres://u@h/db', userId: 'u1' },
    })
  })

  it('reads list and answer', () => {
    expect(parseCommand(['list', '--json', '--data-dir', '/d'])).toEqual({
      name: 'list',
      dataDir: '/d',
      json: true,
    })
    expect(
      parseCommand(['answer', 'q1', '--option', '2', '--database', 'postgres://h/db', '--user', 'u1']),
    ).toMatchObject({ name: 'answer', questionId: 'q1', choice: { kind: 'option-number', number: 2 } })
    expect(
      parseCommand(['answer', 'q1', '--text', 'Doe maar B', '--server', 'https://s.example', '--token', 't']),
    ).toMatchObject({ choice: { kind: 'text', text: 'Doe maar B' } })
  })

  it('refuses stream and answer paths that leave the server', () => {
    const server = ['--server', 'https://s.example', '--token', 't']
    for (const path of ['//evil.example/x', '/\\evil.example/x', '/\t/evil.example/x']) {
      expect(() => parseCommand(['watch', ...server, '--stream-path', path]), path).toThrow(UsageError)
      expect(() => parseCommand(['watch', ...server, '--answer-path', `${path}/{id}`]), path).toThrow(
        UsageError,
      )
    }
    expect(parseCommand(['watch', ...server, '--stream-path', '/events'])).toMatchObject({
      feed: { streamPath: '/events' },
    })
  })

  it.each([
    [['watch']],
    [['watch', '--server', 'https://s.example']],
    [['watch', '--server', 'https://s.example', '--cookie', 'a=b', '--token', 't']],
    [['watch', '--server', 'http://s.example', '--token', 't']],
    [['watch', '--server', 'https://s.example', '--cookie', 'nocookie']],
    [['watch', '--database', 'postgres://h/db']],
    [['watch', '--database', 'mysql://h/db', '--user', 'u']],
    [['watch', '--server', 'https://s.example', '--token', 't', '--database', 'postgres://h/db']],
    [['watch', '--bogus']],
    [['frobnicate']],
    [['list', '--server', 'https://s.example']],
    [['answer', '--text', 'x', '--database', 'postgres://h/db', '--user', 'u']],
    [['answer', 'q1', '--database', 'postgres://h/db', '--user', 'u']],
    [['answer', 'q1', '--option', '9', '--database', 'postgres://h/db', '--user', 'u']],
    [['answer', 'q1', '--option', '1', '--text', 'x', '--database', 'postgres://h/db', '--user', 'u']],
    [['watch', '--database', 'postgres://h/db', '--user', 'u', '--answer-path', '/no-id']],
  ])('refuses %j with a usage error', (argv) => {
    expect(() => parseCommand(argv)).toThrow(UsageError)
  })

  it('shows help without arguments or with --help', () => {
    expect(parseCommand([])).toEqual({ name: 'help' })
    expect(parseCommand(['watch', '--help'])).toEqual({ name: 'help' })
  })
})
