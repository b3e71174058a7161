import { once } from 'node:events'
import net from 'node:net'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { type FaultProxy, startFaultProxy } from './fault-proxy'

// Upstream: an echo server that remembers how each of its connections ended.
let echo: net.Server
let upstreamEnds: string[]
let proxy: FaultProxy
const clients: net.Socket[] = []

beforeEach(async () => {
  // A fresh array per test: the previous test's sockets may still report their end.
  const ends: string[] = []
  upstreamEnds = ends
  echo = net.createServer((socket) => {
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

const settle = () => new Promise((resolve) => setTimeout(resolve, 300))

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
    client.socket.write('b')
    await settle()
    expect(client.seen).toEqual({ data: 'a', end: '' })
    expect(proxy.liveConnections()).toBe(1)

    await proxy.setMode('pass')
    await vi.waitFor(() => expect(client.seen.data).toBe('ab'))
  })

  it('accepts and holds new connections without an upstream, and connects them when passing again', async () => {
    await proxy.setMode('acceptHold')
    const client = await connect()
    client.socket.write('wacht')
    await settle()
    expect(proxy.connections[0]).toMatchObject({ upstreamConnected: false, bytesUp: 0 })

    await proxy.setMode('pass')
    await vi.waitFor(() => expect(client.seen.data).toBe('wacht'))
  })
})
