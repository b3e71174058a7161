// The answer-route check against real loopback servers that reply as the frameworks do.
import { createServer, type OutgoingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { HttpAnswerSender } from './http-answer-sender'

interface Canned {
  status: number
  headers?: OutgoingHttpHeaders
  body?: string
}

const closers: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const close of closers.splice(0)) await close()
})

async function serverReplying(canned: Canned): Promise<{ origin: string; methods: string[] }> {
  const methods: string[] = []
  const server = createServer((req, res) => {
    methods.push(`${req.method} ${req.url}`)
    res.writeHead(canned.status, canned.headers).end(canned.body)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  closers.push(
    () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  )
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, methods }
}

function check(origin: string) {
  const sender = new HttpAnswerSender({ serverUrl: origin, auth: { kind: 'bearer', token: 'tok' } })
  return sender.checkAnswering(new AbortController().signal)
}

const html = { 'Content-Type': 'text/html' }
const json = { 'Content-Type': 'application/json' }

describe('answer route check', () => {
  it.each<[string, string, Canned]>([
    ['Next.js, route exports POST', 'available', { status: 204, headers: { Allow: 'OPTIONS, POST' } }],
    ['Next.js, route without POST', 'web-only', { status: 204, headers: { Allow: 'GET, HEAD, OPTIONS' } }],
    ['405 naming POST', 'available', { status: 405, headers: { Allow: 'POST' } }],
    ['not-found page', 'web-only', { status: 404, headers: html, body: '<p>404</p>' }],
    ['empty 404', 'web-only', { status: 404 }],
    ['a CORS layer without Allow', 'unknown', { status: 204 }],
    ['a JSON 404', 'unknown', { status: 404, headers: json, body: '{"error":"Vraag niet gevonden"}' }],
    ['405 without Allow', 'unknown', { status: 405 }],
    ['signed out', 'unknown', { status: 401, headers: json, body: '{"error":"Niet ingelogd"}' }],
    ['a server error', 'unknown', { status: 503 }],
    ['a redirect to a login page', 'unknown', { status: 307, headers: { Location: '/login' } }],
  ])('%s → %s', async (_name, expected, canned) => {
    const server = await serverReplying(canned)
    expect(await check(server.origin)).toBe(expected)
    expect(server.methods).toEqual(['OPTIONS /api/questions/notifier-route-check/answer'])
  })

  it('no server at all → unknown, without throwing', async () => {
    const server = await serverReplying({ status: 204 })
    const origin = server.origin
    for (const close of closers.splice(0)) await close()
    expect(await check(origin)).toBe('unknown')
  })
})
