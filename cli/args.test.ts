import { describe, expect, it } from 'vitest'
import { parseCommand, type SecretSources, secretsHeld, UsageError } from './args'

/** No environment and no files unless a test gives them. */
function sources(env: NodeJS.ProcessEnv = {}, files: Record<string, string> = {}): SecretSources {
  return {
    env,
    readFile: (path) => {
      const content = files[path]
      if (content === undefined) throw Object.assign(new Error('missing'), { code: 'ENOENT' })
      return content
    },
  }
}

describe('parseCommand', () => {
  it('never repeats a stray argument in its error: a token typed without its flag is not printed', () => {
    const pasted = 'tok-pasted-SECRET-4711'
    for (const argv of [
      [pasted],
      ['watch', '--server', 'https://s4m.example.com', pasted],
      ['list', pasted],
    ]) {
      expect(() => parseCommand(argv, sources()), argv.join(' ')).toThrow(UsageError)
      expect(() => parseCommand(argv, sources()), argv.join(' ')).not.toThrow(new RegExp(pasted))
    }
  })

  it('never repeats an unknown option or a flag value: node’s own messages quote them', () => {
    for (const argv of [
      ['watch', '--SeCrEt'],
      ['watch', '--tok-SECRET-4711=x'],
      ['watch', '-Z'],
      ['watch', '--json=tok-SECRET-4711'],
    ]) {
      expect(() => parseCommand(argv, sources()), argv.join(' ')).toThrow(UsageError)
      expect(() => parseCommand(argv, sources()), argv.join(' ')).not.toThrow(/SeCrEt|SECRET|4711|-Z/)
    }
    expect(() => parseCommand(['watch', '--SeCrEt'], sources())).toThrow(/unknown option \(see --help\)/)
    expect(() => parseCommand(['watch', '--server'], sources())).toThrow(/^--server is missing its value/)
    expect(() => parseCommand(['watch', '--token-file'], sources())).toThrow(/^--token-file is missing/)
  })

  it('reads watch over SSE with a cookie or a token, and over PostgreSQL', () => {
    expect(
      parseCommand(['watch', '--server', 'https://s.example', '--cookie', 's4m=abc', '--data-dir', '/d']),
    ).toEqual({
      name: 'watch',
      feed: { kind: 'sse', serverUrl: 'https://s.example', auth: { kind: 'cookie', cookie: 's4m=abc' } },
      dataDir: '/d',
      verbose: false,
      json: false,
    })
    expect(parseCommand(['watch', '--server', 'http://127.0.0.1:3000', '--token', 't'])).toMatchObject({
      feed: { auth: { kind: 'bearer', token: 't' } },
    })
    expect(parseCommand(['watch', '--database', 'postgres://u@h/db', '--user', 'u1'])).toMatchObject({
      feed: { kind: 'pg', connectionString: 'postgres://u@h/db?sslmode=verify-full', userId: 'u1' },
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
    [['answer', 'q1', '--option', '9', '--database', 'postgres://h/db', '--user', 'u']],
    [['answer', 'q1', '--option', '1', '--text', 'x', '--database', 'postgres://h/db', '--user', 'u']],
    [['watch', '--database', 'postgres://h/db', '--user', 'u', '--answer-path', '/no-id']],
  ])('refuses %j with a usage error', (argv) => {
    expect(() => parseCommand(argv, sources())).toThrow(UsageError)
  })

  it('answer without --option or --text is to be asked for (main refuses it off a terminal)', () => {
    expect(
      parseCommand(['answer', 'q1', '--database', 'postgres://h/db', '--user', 'u'], sources()),
    ).toMatchObject({
      name: 'answer',
      choice: { kind: 'ask' },
    })
  })

  it('watch takes --json, for JSON lines on a terminal too', () => {
    const watch = (...flags: string[]) =>
      parseCommand(['watch', '--database', 'postgres://h/db', '--user', 'u', ...flags], sources())
    expect(watch()).toMatchObject({ name: 'watch', json: false })
    expect(watch('--json')).toMatchObject({ name: 'watch', json: true })
  })

  it('pins TLS on --database for a remote host, and refuses plaintext to it', () => {
    const answer = (database: string) =>
      parseCommand(['answer', 'q1', '--text', 'x', '--database', database, '--user', 'u1'], sources())
    expect(answer('postgres://u:pw@db.example.com/s4m')).toMatchObject({
      feed: { connectionString: 'postgres://u:pw@db.example.com/s4m?sslmode=verify-full' },
    })
    expect(answer('postgres://u@127.0.0.1/s4m')).toMatchObject({
      feed: { connectionString: 'postgres://u@127.0.0.1/s4m' },
    })
    expect(() => answer('postgres://u:pw@db.example.com/s4m?sslmode=disable')).toThrow(/without TLS/)
    expect(() => answer('postgres://u:pw@db.example.com/s4m?sslmode=disable')).not.toThrow(/pw/)
  })

  it('refuses --database with a query parameter given twice (pg would take the last one)', () => {
    const watch = (database: string) =>
      parseCommand(['watch', '--database', database, '--user', 'u1'], sources())
    for (const name of ['host', 'user', 'port', 'password']) {
      const database = `postgres://u:pw@db.example.com/s4m?${name}=localhost&${name}=evil.example`
      expect(() => watch(database), name).toThrow(/more than once/)
      expect(() => watch(database), name).not.toThrow(/evil|pw/)
    }
  })

  it('takes the credential from SCRUM4ME_TOKEN or SCRUM4ME_COOKIE, off the command line', () => {
    const watch = ['watch', '--server', 'https://s.example']
    expect(parseCommand(watch, sources({ SCRUM4ME_TOKEN: 'tok-123\n' }))).toMatchObject({
      feed: { auth: { kind: 'bearer', token: 'tok-123' } },
    })
    expect(parseCommand(watch, sources({ SCRUM4ME_COOKIE: 's4m_session=abc' }))).toMatchObject({
      feed: { auth: { kind: 'cookie', cookie: 's4m_session=abc' } },
    })
    // A flag is the more explicit choice and wins over the environment.
    expect(
      parseCommand([...watch, '--token', 'flag-token'], sources({ SCRUM4ME_COOKIE: 's4m_session=abc' })),
    ).toMatchObject({ feed: { auth: { kind: 'bearer', token: 'flag-token' } } })
    expect(() => parseCommand(watch, sources({ SCRUM4ME_TOKEN: 'a', SCRUM4ME_COOKIE: 'b=c' }))).toThrow(
      /only one of SCRUM4ME_TOKEN and SCRUM4ME_COOKIE/,
    )
    expect(() => parseCommand(watch, sources({ SCRUM4ME_TOKEN: '  ' }))).toThrow(/needs a credential/)
    expect(() => parseCommand(watch, sources({ SCRUM4ME_COOKIE: 'nocookie' }))).toThrow(
      /SCRUM4ME_COOKIE must look like NAME=VALUE/,
    )
    // The pg mode ignores them: they may be set for another command.
    expect(
      parseCommand(
        ['watch', '--database', 'postgres://u@127.0.0.1/db', '--user', 'u1'],
        sources({ SCRUM4ME_TOKEN: 't' }),
      ),
    ).toMatchObject({ feed: { kind: 'pg' } })
  })

  it('reads --token-file and --cookie-file, with - for standard input', () => {
    const files = { '/run/token': 'file-token\n', '-': 's4m_session=from-stdin\n', '/empty': '\n' }
    const watch = (...flags: string[]) =>
      parseCommand(['watch', '--server', 'https://s.example', ...flags], sources({}, files))
    expect(watch('--token-file', '/run/token')).toMatchObject({
      feed: { auth: { kind: 'bearer', token: 'file-token' } },
    })
    expect(watch('--cookie-file', '-')).toMatchObject({
      feed: { auth: { kind: 'cookie', cookie: 's4m_session=from-stdin' } },
    })
    expect(() => watch('--token-file', '/missing')).toThrow(/cannot read \/missing \(ENOENT\)/)
    expect(() => watch('--token-file', '/empty')).toThrow(/is empty/)
    expect(() => watch('--token-file', '/run/token', '--cookie', 'a=b')).toThrow(/one credential/)
    expect(() =>
      parseCommand(['watch', '--database', 'postgres://h/db', '--user', 'u', '--token-file', '/run/token']),
    ).toThrow(/--token-file goes with --server/)
  })

  it('hands the redactor every secret held: flag, environment, file and PGPASSWORD', () => {
    const feedOf = (argv: string[], env: NodeJS.ProcessEnv = {}) => {
      const command = parseCommand(argv, sources(env, { '/t': 'from-file\n' }))
      if (command.name !== 'watch') throw new Error('expected watch')
      return command.feed
    }
    const server = ['watch', '--server', 'https://s.example']
    expect(secretsHeld(feedOf(server, { SCRUM4ME_TOKEN: 'env-token' }))).toEqual(['env-token'])
    expect(secretsHeld(feedOf(server, { SCRUM4ME_COOKIE: 's4m=env-cookie' }))).toEqual(['s4m=env-cookie'])
    expect(secretsHeld(feedOf([...server, '--token-file', '/t']))).toEqual(['from-file'])
    const pg = feedOf(['watch', '--database', 'postgres://u:url-pw@127.0.0.1/s4m', '--user', 'u1'])
    expect(secretsHeld(pg, { PGPASSWORD: 'env-pw' })).toEqual(['url-pw', 'env-pw'])
    // PGPASSWORD means nothing to the web app: not a secret of an SSE run.
    expect(secretsHeld(feedOf([...server, '--token', 'tok1']), { PGPASSWORD: 'env-pw' })).toEqual(['tok1'])
  })

  it('shows help without arguments or with --help', () => {
    expect(parseCommand([])).toEqual({ name: 'help' })
    expect(parseCommand(['watch', '--help'])).toEqual({ name: 'help' })
  })
})
