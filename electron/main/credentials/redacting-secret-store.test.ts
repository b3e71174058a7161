import { describe, expect, it } from 'vitest'
import { Redactor } from '../log/redact'
import { redactingSecretStore } from './redacting-secret-store'
import { SessionSecretStore } from './secret-store'

describe('redactingSecretStore', () => {
  it('teaches the redactor every secret it stores or reads back', async () => {
    const inner = new SessionSecretStore()
    await inner.set('database-password', 'pw-read-from-keychain')
    const redactor = new Redactor()
    const secrets = redactingSecretStore(inner, redactor)
    await secrets.set('api-token', 'tok-saved-by-setup')
    expect(await secrets.get('database-password')).toBe('pw-read-from-keychain')
    const line = redactor.redact('failed with tok-saved-by-setup and pw-read-from-keychain')
    expect(line).not.toContain('tok-saved-by-setup')
    expect(line).not.toContain('pw-read-from-keychain')
    expect(secrets.persistent).toBe(false)
    await secrets.delete('api-token')
    expect(await inner.get('api-token')).toBeNull()
  })
})
