// The TLS side of a PostgreSQL server on loopback: it answers the SSLRequest with 'S' and then does
// the handshake with the certificate it is given, and nothing else. What is under test is the
// client's certificate check; nothing after the handshake matters, so the socket ends there.
import net from 'node:net'
import tls from 'node:tls'

/** PostgreSQL's SSLRequest: length 8, then the code 1234 5679. */
const SSL_REQUEST = Buffer.from([0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x2f])

export interface PgTlsStandIn {
  readonly port: number
  /** Clients that asked for TLS. */
  readonly sslRequests: number
  /** Handshakes the client completed, i.e. it accepted the certificate. */
  readonly handshakes: number
  close(): Promise<void>
}

export async function startPgTlsStandIn(certificate: { key: Buffer; cert: Buffer }): Promise<PgTlsStandIn> {
  const counts = { sslRequests: 0, handshakes: 0 }
  const sockets = new Set<net.Socket>()
  const server = net.createServer((socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.on('error', () => {})
    socket.once('data', (first) => {
      if (!first.subarray(0, 8).equals(SSL_REQUEST)) {
        socket.destroy()
        return
      }
      counts.sslRequests++
      socket.write('S')
      const secure = new tls.TLSSocket(socket, { isServer: true, ...certificate })
      secure.on('error', () => socket.destroy())
      secure.once('secure', () => {
        counts.handshakes++
        secure.destroy()
      })
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    port: (server.address() as net.AddressInfo).port,
    get sslRequests() {
      return counts.sslRequests
    },
    get handshakes() {
      return counts.handshakes
    },
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      }),
  }
}
