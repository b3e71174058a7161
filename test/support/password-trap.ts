// A PostgreSQL look-alike on loopback that asks every client for its password in clear text
// (AuthenticationCleartextPassword), records what comes back and refuses the login: the hostile
// database a stored password must never be handed to.

import type { AddressInfo } from 'node:net'
import { createServer, type Socket } from 'node:net'

const SSL_REQUEST_CODE = 80877103

export interface PasswordTrap {
  readonly port: number
  /** Every password a client sent. */
  readonly passwords: readonly string[]
  /** How many clients connected. */
  readonly connections: number
  close(): Promise<void>
}

export async function startPasswordTrap(): Promise<PasswordTrap> {
  const passwords: string[] = []
  const sockets = new Set<Socket>()
  let connections = 0
  const server = createServer((socket) => {
    connections++
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.on('error', () => {})
    let buffer = Buffer.alloc(0)
    let started = false
    socket.on('data', (chunk) => {
      buffer = Buffer.concat([buffer, chunk])
      for (;;) {
        // The startup message has no type byte; every later message has one.
        const offset = started ? 1 : 0
        if (buffer.length < offset + 4) return
        const length = buffer.readInt32BE(offset)
        if (buffer.length < offset + length) return
        const message = buffer.subarray(0, offset + length)
        buffer = buffer.subarray(offset + length)
        if (!started && length === 8 && message.readInt32BE(4) === SSL_REQUEST_CODE) {
          socket.write('N')
        } else if (!started) {
          started = true
          socket.write(Buffer.from([0x52, 0, 0, 0, 8, 0, 0, 0, 3]))
        } else if (message[0] === 0x70) {
          passwords.push(message.subarray(5, message.length - 1).toString('utf8'))
          socket.end(errorResponse())
        }
      }
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    port: (server.address() as AddressInfo).port,
    passwords,
    get connections() {
      return connections
    },
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      }),
  }
}

function errorResponse(): Buffer {
  const fields = Buffer.from('SFATAL\0C28P01\0Mpassword authentication failed\0\0', 'utf8')
  const header = Buffer.alloc(5)
  header[0] = 0x45
  header.writeInt32BE(fields.length + 4, 1)
  return Buffer.concat([header, fields])
}
