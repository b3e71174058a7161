// A real HTTP server with the contract of Scrum4Me's GET /api/realtime/notifications and its answer
// route (docs/protocol.md, SSE feed and Answering), over a test database, with fault injection and
// counters for the reliability tests.
import http, { type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import pg from 'pg'
import { z } from 'zod'
import { ANSWER_PATH, handleAnswerOptions, handleAnswerRequest } from './answer-route'
import type { LoginSite } from './login-server'
import { closeClientSafely } from './pg-client'
import { FaultPlan, type FaultSettings, faultSettingsSchema, type StreamFault } from './sse-faults'

export interface SseTestServerOptions {
  databaseUrl: string
  /** Credential → user id. A credential is the `s4m_session` cookie value or a bearer token. */
  credentials: Record<string, string>
  /** Login pages on this origin whose sessions are credentials too (test/support/login-server.ts). */
  site?: LoginSite
  heartbeatMs?: number
  lifetimeMs?: number
  /** `application_name` of every stream's LISTEN connection; the helper pool gets `<name>/pool`. */
  applicationName?: string
  /** 0 picks a free port. */
  port?: number
}

export interface RequestLogEntry {
  method: string
  path: string
  headers: IncomingHttpHeaders
  time: number
}

export interface SseServerStats {
  connects: number
  openStreams: number
  requestLog: RequestLogEntry[]
}

export interface SseTestServer {
  readonly port: number
  /** `http://127.0.0.1:<port>`. */
  readonly origin: string
  /** Requests to the stream route, whatever their outcome. */
  readonly connects: number
  readonly requestLog: readonly RequestLogEntry[]
  /** Streams that have not yet released their pg client. */
  openStreams(): number
  stats(): SseServerStats
  setFaults(settings: FaultSettings): void
  clearFaults(): void
  /** Ends every open stream now, as the server's planned close does; the clients reconnect. */
  endStreams(): Promise<void>
  close(): Promise<void>
}

export const STREAM_PATH = '/api/realtime/notifications'
export const FAULTS_PATH = '/__test/faults'
export const STATS_PATH = '/__test/stats'
const CHANNEL = 'scrum4me_changes'
const SSE_HEADERS = {
  'Content-Type': 'text/event-stream; charset=utf-8',
  'Cache-Control': 'no-cache, no-transform',
  Connection: 'keep-alive',
  'X-Accel-Buffering': 'no',
}
const REPLAY_MEMORY = 100

const routableSchema = z.object({ entity: z.literal('question'), product_id: z.string() })

const ACCESSIBLE_PRODUCTS_SQL = `
  SELECT p.id FROM products p
  WHERE NOT p.archived
    AND (p.user_id = $1 OR EXISTS (SELECT 1 FROM product_members m WHERE m.product_id = p.id AND m.user_id = $1))`

const OPEN_QUESTIONS_SQL = `
  SELECT q.id, q.product_id, q.story_id, q.task_id, q.idea_id,
         s.code AS story_code, s.title AS story_title, s.assignee_id,
         i.code AS idea_code, i.title AS idea_title, p.name AS product_name,
         q.question, q.options, q.created_at, q.expires_at
  FROM claude_questions q
  JOIN products p ON p.id = q.product_id
  LEFT JOIN stories s ON s.id = q.story_id
  LEFT JOIN ideas i ON i.id = q.idea_id
  WHERE q.status = 'open' AND q.expires_at > now()
    AND q.product_id = ANY($2::text[])
    AND (q.idea_id IS NULL OR i.user_id = $1)
  ORDER BY q.created_at DESC
  LIMIT 100`

interface OpenQuestionRow {
  id: string
  product_id: string
  story_id: string | null
  task_id: string | null
  idea_id: string | null
  story_code: string | null
  story_title: string | null
  assignee_id: string | null
  idea_code: string | null
  idea_title: string | null
  product_name: string
  question: string
  options: unknown
  created_at: Date
  expires_at: Date
}

interface ServerContext {
  databaseUrl: string
  applicationName: string
  heartbeatMs: number
  lifetimeMs: number
  pool: pg.Pool
  faults: FaultPlan
  /** Per user, the frames forwarded by their latest stream: the source for the `replay` fault. */
  forwardedByUser: Map<string, string[]>
}

export async function startSseTestServer(options: SseTestServerOptions): Promise<SseTestServer> {
  const applicationName = options.applicationName ?? 'sse-test-server'
  const pool = new pg.Pool({
    connectionString: options.databaseUrl,
    application_name: `${applicationName}/pool`,
    max: 4,
    idleTimeoutMillis: 1_000,
    connectionTimeoutMillis: 5_000,
  })
  // A restart or terminate kills idle pool connections; the pool replaces them, the event must not crash us.
  pool.on('error', () => {})
  const context: ServerContext = {
    databaseUrl: options.databaseUrl,
    applicationName,
    heartbeatMs: options.heartbeatMs ?? 25_000,
    lifetimeMs: options.lifetimeMs ?? 240_000,
    pool,
    faults: new FaultPlan(),
    forwardedByUser: new Map(),
  }
  const streams = new Set<Stream>()
  const requestLog: RequestLogEntry[] = []
  let connects = 0

  const stats = (): SseServerStats => ({ connects, openStreams: streams.size, requestLog })

  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]
    if (path === FAULTS_PATH && req.method === 'POST') return void handleFaults(req, res, context.faults)
    if (path === STATS_PATH && req.method === 'GET') return sendJson(res, 200, stats())
    requestLog.push({
      method: req.method ?? '',
      path: req.url ?? '/',
      headers: req.headers,
      time: Date.now(),
    })
    if (options.site?.handle(req, res)) return
    const answerFor = ANSWER_PATH.exec(path ?? '')?.[1]
    if (answerFor && req.method === 'OPTIONS') return handleAnswerOptions(res, context.faults.answerRoute)
    if (answerFor && req.method === 'POST') {
      const userId = authenticate(req.headers, options) ?? null
      return void handleAnswerRequest(
        req,
        res,
        decodeURIComponent(answerFor),
        userId,
        pool,
        context.faults.answerRoute,
      )
    }
    if (path !== STREAM_PATH || req.method !== 'GET') return sendJson(res, 404, { error: 'Not found' })
    connects += 1
    handleStreamRequest(req, res, context, options, (stream) => {
      streams.add(stream)
      void stream.done.then(() => streams.delete(stream))
    }).catch(() => res.destroy()) // a bug here should cut one stream, not crash the test worker
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', resolve)
  })
  const { port } = server.address() as AddressInfo

  return {
    port,
    origin: `http://127.0.0.1:${port}`,
    get connects() {
      return connects
    },
    requestLog,
    openStreams: () => streams.size,
    stats,
    setFaults: (settings) => context.faults.set(settings),
    clearFaults: () => context.faults.clear(),
    endStreams: async () => {
      await Promise.all([...streams].map((stream) => stream.close()))
    },
    async close() {
      const closing = new Promise<void>((resolve) => server.close(() => resolve()))
      await Promise.all([...streams].map((stream) => stream.close()))
      server.closeAllConnections()
      await closing
      await pool.end()
    },
  }
}

async function handleStreamRequest(
  req: IncomingMessage,
  res: ServerResponse,
  context: ServerContext,
  auth: Pick<SseTestServerOptions, 'credentials' | 'site'>,
  register: (stream: Stream) => void,
): Promise<void> {
  // Status and HTML faults model something in front of the app (a proxy, a captive portal): before auth.
  const fault = context.faults.take()
  if (fault?.kind === 'status') return sendStatusFault(res, fault.status, fault.retryAfter, fault.body)
  if (fault?.kind === 'html') {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' })
    res.end('<!doctype html><title>Wi-Fi</title><p>Log in om verder te gaan.</p>')
    return
  }

  const userId = authenticate(req.headers, auth)
  if (!userId) return sendJson(res, 401, { error: 'Niet ingelogd' })

  // Like Scrum4Me's route: the product list is read once per connection, before the stream starts.
  let productIds: string[]
  try {
    const { rows } = await context.pool.query<{ id: string }>(ACCESSIBLE_PRODUCTS_SQL, [userId])
    productIds = rows.map((row) => row.id)
  } catch {
    return sendJson(res, 500, { error: 'Database niet bereikbaar' })
  }
  const stream = new Stream(context, res, userId, productIds)
  register(stream)
  await stream.run(fault)
}

/** One open response and its dedicated LISTEN connection; `done` settles once both are released. */
class Stream {
  readonly done: Promise<void>
  private resolveDone: () => void = () => {}
  private closing = false
  private client?: pg.Client
  private readonly timers: NodeJS.Timeout[] = []
  private readonly forwarded: string[] = []
  private readonly productIds: Set<string>

  constructor(
    private readonly context: ServerContext,
    private readonly res: ServerResponse,
    private readonly userId: string,
    productIds: string[],
  ) {
    this.productIds = new Set(productIds)
    this.done = new Promise((resolve) => {
      this.resolveDone = resolve
    })
    res.on('close', () => void this.close())
    // The client may have left while the product list was read; its 'close' has then already fired.
    if (!res.socket || res.socket.destroyed) void this.close()
  }

  async run(fault: StreamFault | undefined): Promise<void> {
    if (this.closing) return
    this.res.writeHead(200, SSE_HEADERS)
    this.res.flushHeaders()
    if (fault?.kind === 'eofBeforeSnapshot') return this.close()
    if (fault?.kind === 'errorEvent') {
      this.write(
        `event: error\ndata: ${JSON.stringify({ message: fault.message ?? 'pg connect failed' })}\n\n`,
      )
      return this.close()
    }
    if (fault?.kind === 'endAfter') this.timers.push(setTimeout(() => void this.close(), fault.ms))

    const client = new pg.Client({
      connectionString: this.context.databaseUrl,
      application_name: this.context.applicationName,
      connectionTimeoutMillis: 10_000,
    })
    this.client = client
    let listening = false
    client.on('error', () => {
      if (listening) void this.close()
    })
    try {
      await client.connect()
      await client.query(`LISTEN ${CHANNEL}`)
      listening = true
    } catch {
      this.write(`event: error\ndata: ${JSON.stringify({ message: 'pg connect failed' })}\n\n`)
      return this.close()
    }
    if (this.closing) return
    client.on('notification', (message) => this.forward(message.payload))
    // Also a client end (e.g. a pg_terminate_backend) closes the stream, as in Scrum4Me's route.
    client.on('end', () => void this.close())

    // The snapshot is read only now that LISTEN is active, so nothing committed in between is lost.
    let rows: OpenQuestionRow[]
    try {
      rows = (
        await this.context.pool.query<OpenQuestionRow>(OPEN_QUESTIONS_SQL, [
          this.userId,
          [...this.productIds],
        ])
      ).rows
    } catch {
      this.res.socket?.destroy()
      return this.close()
    }
    if (this.closing) return
    this.write(`event: state\ndata: ${JSON.stringify({ questions: rows.map(toWireQuestion) })}\n\n`)

    const previous = this.context.forwardedByUser.get(this.userId) ?? []
    this.context.forwardedByUser.set(this.userId, this.forwarded)
    if (fault?.kind === 'extraFrames') for (const frame of fault.frames) this.write(frame)
    if (fault?.kind === 'replay') for (const frame of previous.slice(-fault.count)) this.write(frame)
    if (fault?.kind === 'partialEvent') {
      // Flush half an event, then drop the connection without the chunked body's terminator.
      await new Promise<void>((resolve) => this.res.write(fault.text ?? 'data: {"id":17,', () => resolve()))
      this.res.socket?.destroy()
      return this.close()
    }

    this.timers.push(setInterval(() => this.write(': heartbeat\n\n'), this.context.heartbeatMs))
    // The planned close (240 s at Scrum4Me): a clean EOF, after which the client reconnects at once.
    this.timers.push(setTimeout(() => void this.close(), this.context.lifetimeMs))
  }

  /** Ends the response and always releases the pg client, at most ~2 s later. */
  async close(): Promise<void> {
    if (this.closing) return this.done
    this.closing = true
    for (const timer of this.timers) clearTimeout(timer)
    if (this.client) await closeClientSafely(this.client)
    if (!this.res.writableEnded) this.res.end()
    this.resolveDone()
  }

  private forward(payload: string | undefined): void {
    if (!payload || this.context.faults.suppressData) return
    let parsed: unknown
    try {
      parsed = JSON.parse(payload)
    } catch {
      return
    }
    const routable = routableSchema.safeParse(parsed)
    if (!routable.success || !this.productIds.has(routable.data.product_id)) return
    const frame = `data: ${payload}\n\n`
    this.forwarded.push(frame)
    if (this.forwarded.length > REPLAY_MEMORY) this.forwarded.shift()
    this.write(frame)
  }

  private write(chunk: string): void {
    if (this.closing || this.res.writableEnded || this.res.destroyed) return
    this.res.write(chunk)
  }
}

function toWireQuestion(row: OpenQuestionRow) {
  return {
    id: row.id,
    product_id: row.product_id,
    story_id: row.story_id,
    task_id: row.task_id,
    story_code: row.story_code,
    story_title: row.story_title,
    assignee_id: row.assignee_id,
    question: row.question,
    options: row.options,
    created_at: row.created_at.toISOString(),
    expires_at: row.expires_at.toISOString(),
    // Not in Scrum4Me's snapshot today (docs/protocol.md, Unknowns); a richer server may send them.
    idea_id: row.idea_id,
    idea_code: row.idea_code,
    idea_title: row.idea_title,
    product_name: row.product_name,
  }
}

function authenticate(
  headers: IncomingHttpHeaders,
  { credentials, site }: Pick<SseTestServerOptions, 'credentials' | 'site'>,
): string | undefined {
  const bearer = /^Bearer\s+(.+)$/i.exec(headers.authorization ?? '')?.[1]?.trim()
  const session = (headers.cookie ?? '')
    .split(';')
    .map((part) => part.trim())
    .find((part) => part.startsWith('s4m_session='))
    ?.slice('s4m_session='.length)
  for (const credential of [bearer, session]) {
    if (credential && Object.hasOwn(credentials, credential)) return credentials[credential]
  }
  return site?.authorize(headers.cookie)
}

function sendStatusFault(res: ServerResponse, status: number, retryAfter?: string, body?: string): void {
  const headers: Record<string, string> = retryAfter ? { 'Retry-After': retryAfter } : {}
  if (status === 204 || status === 304) {
    res.writeHead(status, headers)
    res.end()
    return
  }
  const text = body ?? JSON.stringify({ error: status === 401 ? 'Niet ingelogd' : `Test fault ${status}` })
  res.writeHead(status, { ...headers, 'Content-Type': 'application/json' })
  res.end(text)
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' })
  res.end(JSON.stringify(value))
}

async function handleFaults(req: IncomingMessage, res: ServerResponse, faults: FaultPlan): Promise<void> {
  let body = ''
  for await (const chunk of req) body += chunk
  let settings: FaultSettings
  try {
    settings = faultSettingsSchema.parse(JSON.parse(body))
  } catch (error) {
    return sendJson(res, 400, { error: String(error) })
  }
  faults.set(settings)
  res.writeHead(204)
  res.end()
}
