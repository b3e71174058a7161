// Child process of the "fallback writes nothing" test: opens the secret store with no reachable
// keychain, keeps the secret read from stdin, and reports what it got back.
// Usage: echo <secret> | node --import tsx session-secret-child.ts
import { readFileSync } from 'node:fs'
import { createLineLogger } from '../../log/logger'
import { openSecretStore } from '../secret-store'

const secret = readFileSync(0, 'utf8').trim()
const log = createLineLogger((line) => process.stderr.write(`${line}\n`))
const store = await openSecretStore(log)
await store.set('api-token', secret)
const readBack = await store.get('api-token')
process.stdout.write(`${JSON.stringify({ persistent: store.persistent, same: readBack === secret })}\n`)
