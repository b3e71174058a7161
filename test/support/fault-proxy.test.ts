import { once } from 'node:events'
import net from 'node:net'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { type FaultProxy, startFaultProxy } from './fault-proxy'

// Upstream: an echo server that remembers what it read and how each of its connections ended.
let echo: net.Server
let upstreamEnds: string[]
let upstreamRead: string
let proxy: FaultProxy
const clients: net.Socket[] = []

beforeEach(async () => {
  // A fresh array per test: the previous test's sockets may still report their end.
  const ends: string[] = []
  upstreamEnds = ends
  upstreamRead = ''
  echo = net.createServer((socket) => {
    socket.on('data', (chunk: Buffer) => {
      upstreamRead += chunk.toString('utf8')
    })
    socket.on('error', (error: NodeJS.ErrnoException) => ends.push(error.code ?? 'error'))
    socket.on('end', () => ends.push('end'))
    socket.pipe(socket)
  })
  echo.listen(0, '127.0.0.1')
  await once(echo, 'listening')
  proxy = await startFaultProxy({ port: (echo.address() as net.AddressInfo).port })
})

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy()
  await proxy.close()
  echo.close()
})

/** A client through the proxy that collects what it reads and how it ended. */
async function connect() {
  const socket = net.connect(proxy.port, '127.0.0.1')
  clients.push(socket)
  const seen = { data: '', end: '' }
  socket.setEncoding('utf8')
  socket.on('data', (text: string) => {
    seen.data += text
  })
  socket.on('end', () => {
    seen.end ||= 'end'
  })
  socket.on('error', (error: NodeJS.ErrnoException) => {
    seen.end = error.code ?? 'error'
  })
  await once(socket, 'connect')
  return { socket, seen }
}

async function roundTrip(text: string) {
  const client = await connect()
  client.socket.write(text)
  await vi.waitFor(() => expect(client.seen.data).toBe(text))
  return client
}

/** Writes `text` and resolves once the kernel has taken all of it: from then on the proxy can read it. */
function sent(client: { socket: net.Socket }, text: string): Promise<void> {
  return new Promise((resolve, reject) =>
    client.socket.write(text, (error) => (error ? reject(error) : resolve())),
  )
}

/**
 * The anchor for "the proxy did not pass it on": a round trip to the upstream that bypasses the proxy.
 * Proxy and upstream share this event loop, so by the time this marker has gone to the upstream and
 * back, the proxy has had its turns to read what was sent before it and the upstream to read what the
 * proxy forwarded. Nothing later can prove more than that, and no fixed wait proves as much.
 */
async function upstreamHadItsTurn(): Promise<void> {
  const direct = net.connect((echo.address() as net.AddressInfo).port, '127.0.0.1')
  clients.push(direct)
  await once(direct, 'connect')
  direct.write('·')
  await once(direct, 'data')
}

describe('fault proxy', () => {
  it('passes bytes both ways and logs them per connection', async () => {
    await roundTrip('hallo')
    expect(proxy.connectCount).toBe(1)
    expect(proxy.liveConnections()).toBe(1)
    expect(proxy.connections[0]).toMatchObject({ id: 1, upstreamConnected: true, bytesUp: 5, bytesDown: 5 })
  })

  it('refuses connections while in refuse mode, then listens again on the same port', async () => {
    const kept = await roundTrip('voor')
    await proxy.setMode('refuse')
    const refused = net.connect(proxy.port, '127.0.0.1')
    const [error] = (await once(refused, 'error')) as [NodeJS.ErrnoException]
    expect(error.code).toBe('ECONNREFUSED')

    await proxy.setMode('pass')
    await roundTrip('na')
    kept.socket.write('!')
    await vi.waitFor(() => expect(kept.seen.data).toBe('voor!'))
  })

  it('resets every live connection on both sides', async () => {
    const client = await roundTrip('x')
    await proxy.setMode('reset')
    await vi.waitFor(() => {
      expect(client.seen.end).toBe('ECONNRESET')
      expect(upstreamEnds).toEqual(['ECONNRESET'])
    })
    expect(proxy.liveConnections()).toBe(0)
  })

  it('holds every socket open but silent in a black hole, and flows again after it', async () => {
    const client = await roundTrip('a')
    await proxy.setMode('blackhole')
    await sent(client, 'b')
    await upstreamHadItsTurn()
    expect(upstreamRead).toBe('a·')
    expect(client.seen).toEqual({ data: 'a', end: '' })
    expect(proxy.liveConnections()).toBe(1)

    await proxy.setMode('pass')
    await vi.waitFor(() => expect(client.seen.data).toBe('ab'))
  })

  it('accepts and holds new connections without an upstream, and connects them when passing again', async () => {
    await proxy.setMode('acceptHold')
    const client = await connect()
    await sent(client, 'wacht')
    await vi.waitFor(() => expect(proxy.connectCount).toBe(1))
    await upstreamHadItsTurn()
    expect(upstreamRead).toBe('·')
    expect(proxy.connections[0]).toMatchObject({ upstreamConnected: false, bytesUp: 0 })

    await proxy.setMode('pass')
    await vi.waitFor(() => expect(client.seen.data).toBe('wacht'))
  })
})
