import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createFileLogger, LOG_FILE } from './file-log'
import { Redactor } from './redact'

const OLD_FILE = LOG_FILE.replace(/\.log$/, '.old.log')
const dirs: string[] = []

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 's4m-log-'))
  dirs.push(dir)
  return dir
}

const read = (path: string) => readFileSync(path, 'utf8')

describe('createFileLogger', () => {
  it('writes each entry as one line to both the file and stderr', () => {
    const dir = tempDir()
    const echoed: string[] = []
    const { log, filePath } = createFileLogger({ dir, redactor: new Redactor(), echo: (l) => echoed.push(l) })
    expect(filePath).toBe(join(dir, LOG_FILE))
    log.child('feed').info('disconnected (ECONNRESET), retry in 2.4 s', { attempt: 3 })
    log.debug('below the level: nowhere')
    log.warn('100% sure %s stays as written')

    const lines = read(filePath).trimEnd().split(/\r?\n/)
    expect(lines).toEqual(echoed)
    expect(lines).toHaveLength(2)
    expect(lines[0]).toMatch(/^\S+Z info feed: disconnected \(ECONNRESET\), retry in 2\.4 s \(attempt=3\)$/)
    expect(lines[1]).toMatch(/ warn 100% sure %s stays as written$/)
  })

  it('rotates past the cap, keeping exactly one older file', () => {
    const dir = tempDir()
    const maxBytes = 4096
    const { log, filePath } = createFileLogger({ dir, redactor: new Redactor(), maxBytes, echo: () => {} })
    const filler = 'x'.repeat(100)
    // About three caps' worth: rotates twice, so the first rotated file has been replaced.
    for (let i = 0; i < 120; i++) log.info(`line ${String(i).padStart(3, '0')} ${filler}`)

    expect(readdirSync(dir).sort()).toEqual([OLD_FILE, LOG_FILE].sort())
    const current = read(filePath)
    const older = read(join(dir, OLD_FILE))
    expect(current).toContain('line 119 ')
    expect(older).not.toContain('line 119 ')
    expect(current + older).not.toContain('line 000 ')
    // The cap is checked before each write (and electron-log counts a fresh file's first line
    // twice), so a file ends within one line of the cap.
    const line = 200
    expect(statSync(filePath).size).toBeLessThanOrEqual(maxBytes + line)
    expect(statSync(join(dir, OLD_FILE)).size).toBeGreaterThan(maxBytes - line)
    expect(statSync(join(dir, OLD_FILE)).size).toBeLessThanOrEqual(maxBytes + line)
  })

  it('never writes a registered secret, in any form, to either file', () => {
    const dir = tempDir()
    const redactor = new Redactor()
    const secret = 'S3cr$t.(p@ss)"\\x'
    redactor.addSecret(secret)
    const echoed: string[] = []
    const { log } = createFileLogger({ dir, redactor, maxBytes: 300, echo: (l) => echoed.push(l) })

    log.info(`loaded secret ${secret} from the keychain`)
    log.info('connecting', { url: `postgres://notifier:${encodeURIComponent(secret)}@db.example.com/s4m` })
    log.info('connecting', { connection: `host=db password=${secret} user=notifier` })
    log.warn('request failed', {
      headers: { authorization: `Bearer ${secret}`, cookie: `s4m_session=${secret}` },
    })
    log.error('response', { body: JSON.stringify({ error: 'denied', echo: { secret } }) })
    log.info(`Set-Cookie: s4m_session=${secret}; Path=/; HttpOnly`)
    log.info('done')

    const written = readdirSync(dir)
      .map((name) => read(join(dir, name)))
      .join('\n')
    // Small cap: the early lines sit in the rotated file, which must be just as clean.
    expect(readdirSync(dir)).toContain(OLD_FILE)
    expect(written).toContain('loaded secret *** from the keychain')
    expect(written).toContain(' done')
    for (const fragment of ['S3cr', 'p@ss', 'p%40ss', 'cr$t']) {
      expect(written).not.toContain(fragment)
      expect(echoed.join('\n')).not.toContain(fragment)
    }
  })
})
