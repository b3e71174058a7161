// Every secret that passes through the store is known to the log's redactor, so no log line can
// carry it, whatever error message or URL it ends up in.
import type { Redactor } from '../log/redact'
import type { SecretStore } from './secret-store'

export function redactingSecretStore(store: SecretStore, redactor: Pick<Redactor, 'addSecret'>): SecretStore {
  return {
    persistent: store.persistent,
    get: async (name) => {
      const value = await store.get(name)
      if (value) redactor.addSecret(value)
      return value
    },
    set: async (name, value) => {
      redactor.addSecret(value)
      await store.set(name, value)
    },
    delete: (name) => store.delete(name),
  }
}
