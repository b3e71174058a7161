// A TCP proxy between a client under test and a real server, with runtime fault modes. A black hole here is a
// *hung peer* (this proxy's kernel still ACKs); a dead network path needs iptables in a network namespace.
import net from 'node:net'

/**
 * - pass: pipe both ways (held connections are connected upstream now).
 * - refuse: stop listening (connections are refused); any other mode listens again on the same port.
 * - acceptHold: accept new connections but never connect them upstream.
 * - reset: RST every live connection, and every new one.
 * - blackhole: stop piping both ways and keep every socket open; new connections are held.
 * - close: FIN every live connection, and every new one.
 */
export type ProxyMode = 'pass' | 'refuse' | 'acceptHold' | 'reset' | 'blackhole' | 'close'

export interface ProxyConnection {
  id: number
  openedAt: number
  closedAt?: number
  upstreamConnected: boolean
  /** Client → upstream. */
  bytesUp: number
  /** Upstream → client. */
  bytesDown: number
}

export interface FaultProxy {
  readonly port: number
  readonly mode: ProxyMode
  /** Accepted client connections since start. */
  readonly connectCount: number
  /** One record per accepted connection, in order. */
  readonly connections: readonly ProxyConnection[]
  setMode(mode: ProxyMode): Promise<void>
  /** Delays every chunk, both ways, by `ms` (0 = off); independent of the mode. */
  setLatency(ms: number): void
  liveConnections(): number
  close(): Promise<void>
}

export interface Upstream {
  host?: string
  port: number
}

interface Link {
  record: ProxyConnection
  client: net.Socket
  upstream?: net.Socket
}

export async function startFaultProxy(
  upstream: Upstream,
  options: { port?: number } = {},
): Promise<FaultProxy> {
  const host = '127.0.0.1'
  const links = new Set<Link>()
  const connections: ProxyConnection[] = []
  let mode: ProxyMode = 'pass'
  let latencyMs = 0
  let listener: net.Server | undefined

  const later = (action: () => void) => (latencyMs > 0 ? setTimeout(action, latencyMs) : action())

  const forward = (link: Link, from: net.Socket, to: net.Socket, direction: 'bytesUp' | 'bytesDown') => {
    from.on('data', (chunk: Buffer) => {
      link.record[direction] += chunk.length
      later(() => {
        if (to.destroyed || to.writableEnded) return
        if (!to.write(chunk) && latencyMs === 0) {
          from.pause()
          to.once('drain', () => mode !== 'blackhole' && from.resume())
        }
      })
    })
    from.on('end', () => later(() => to.end()))
    // An RST from one side becomes an RST to the other; anything else is a plain close.
    from.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ECONNRESET' && !to.destroyed) to.resetAndDestroy()
    })
    from.on('close', () => later(() => to.destroySoon()))
  }

  const connectUpstream = (link: Link) => {
    const socket = net.connect({ host: upstream.host ?? host, port: upstream.port, allowHalfOpen: true })
    link.upstream = socket
    socket.on('error', () => {})
    socket.once('connect', () => {
      link.record.upstreamConnected = true
      forward(link, link.client, socket, 'bytesUp')
      forward(link, socket, link.client, 'bytesDown')
      // Explicitly paused sockets stay paused when a 'data' listener is added.
      if (mode === 'blackhole') pause(link)
      else resume(link)
    })
    // Refused upstream: the client sees a reset, as it would without the proxy.
    socket.once('close', () => {
      if (!link.record.upstreamConnected && !link.client.destroyed) link.client.resetAndDestroy()
    })
  }

  const accept = (client: net.Socket) => {
    const link: Link = {
      client,
      record: {
        id: connections.length + 1,
        openedAt: Date.now(),
        upstreamConnected: false,
        bytesUp: 0,
        bytesDown: 0,
      },
    }
    connections.push(link.record)
    links.add(link)
    client.on('error', () => {})
    client.once('close', () => {
      link.record.closedAt = Date.now()
      links.delete(link)
      // Once piping, forward() closes the partner; before that, an upstream may still be connecting.
      if (!link.record.upstreamConnected) link.upstream?.destroy()
    })
    if (mode === 'pass') connectUpstream(link)
    else if (mode === 'reset') client.resetAndDestroy()
    else if (mode === 'close') client.end()
    // acceptHold and blackhole: hold the socket unread until the mode returns to pass.
  }

  const listen = async (port: number): Promise<net.AddressInfo> => {
    const server = net.createServer({ allowHalfOpen: true }, accept)
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(port, host, resolve)
    })
    listener = server
    return server.address() as net.AddressInfo
  }

  // Stops accepting at once; live connections are not touched.
  const stopListening = () => {
    listener?.close()
    listener = undefined
  }

  const { port } = await listen(options.port ?? 0)

  return {
    port,
    get mode() {
      return mode
    },
    get connectCount() {
      return connections.length
    },
    connections,
    async setMode(next) {
      const previous = mode
      mode = next
      if (next === 'refuse' && previous !== 'refuse') stopListening()
      if (next !== 'refuse' && previous === 'refuse') await listen(port)
      for (const link of links) {
        if (next === 'reset') reset(link)
        else if (next === 'close') finish(link)
        else if (next === 'blackhole') pause(link)
        else if (next === 'pass') {
          // A link whose upstream is still connecting is resumed by its 'connect' handler.
          if (!link.upstream) connectUpstream(link)
          else if (link.record.upstreamConnected) resume(link)
        }
      }
    },
    setLatency(ms) {
      latencyMs = ms
    },
    liveConnections: () => links.size,
    async close() {
      const server = listener
      stopListening()
      for (const link of links) {
        link.client.destroy()
        link.upstream?.destroy()
      }
      if (server) await new Promise((resolve) => server.once('close', resolve))
    },
  }
}

function pause(link: Link): void {
  link.client.pause()
  link.upstream?.pause()
}

function resume(link: Link): void {
  link.client.resume()
  link.upstream?.resume()
}

function reset(link: Link): void {
  link.client.resetAndDestroy()
  if (link.upstream && !link.upstream.destroyed) link.upstream.resetAndDestroy()
}

function finish(link: Link): void {
  link.client.end()
  link.upstream?.end()
}
