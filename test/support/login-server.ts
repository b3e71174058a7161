// A Scrum4Me-like login for the sign-in tests: the login form on the app's origin (mounted into the
// SSE test server, which asks `authorize` for every request), or a single-sign-on hop through a
// second origin (an identity provider on [::1]) that sends the browser back with a one-time code.
// A good login sets an HttpOnly SameSite=Lax session cookie with a random name, next to cookies
// that have nothing to do with the session, so the app has to find the session by trying.
import { randomBytes } from 'node:crypto'
import http, { type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface LoginAccount {
  password: string
  userId: string
}

export interface LoginServerOptions {
  /** User name → password and the Scrum4Me user id a session of theirs is. */
  accounts: Record<string, LoginAccount>
  /** 'sso': the app's login page sends the browser to the identity provider's form instead. */
  via?: 'form' | 'sso'
  /** How long a session lives, also the cookie's Max-Age. */
  sessionLifetimeSeconds?: number
}

/** The login pages of the app's origin, and its session table; see startSseTestServer's `site`. */
export interface LoginSite {
  /** Serves the request when it is one of the login routes; false leaves it to the caller. */
  handle(req: IncomingMessage, res: ServerResponse): boolean
  /** The user id the request's `Cookie` header is signed in as; undefined when expired or revoked. */
  authorize(cookieHeader: string | undefined): string | undefined
}

export interface LoginServer extends LoginSite {
  /** The session cookie's name: random per server, unknown to the app. */
  readonly sessionCookieName: string
  /** The identity provider's origin (`http://[::1]:<port>`) in 'sso' mode, else null. */
  readonly idpOrigin: string | null
  /** Sessions created so far (a wrong password creates none). */
  readonly sessionsCreated: number
  /** Every session ends now, as if its lifetime were over. */
  expireSessions(): void
  close(): Promise<void>
}

const FORM_FIELDS = ['username', 'password'] as const

export async function startLoginServer(options: LoginServerOptions): Promise<LoginServer> {
  const lifetimeSeconds = options.sessionLifetimeSeconds ?? 3600
  const sessionCookieName = `sid_${randomBytes(4).toString('hex')}`
  const sessions = new Map<string, { userId: string; expiresAt: number }>()
  const oneTimeCodes = new Map<string, string>()
  const idp = options.via === 'sso' ? await startIdentityProvider(options.accounts, oneTimeCodes) : null

  const startSession = (res: ServerResponse, userId: string, to: string) => {
    const token = randomBytes(24).toString('base64url')
    const expiresAt = Date.now() + lifetimeSeconds * 1000
    sessions.set(token, { userId, expiresAt })
    res.setHeader('Set-Cookie', [
      `${sessionCookieName}=${token}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${lifetimeSeconds}; Expires=${new Date(expiresAt).toUTCString()}`,
      `last_login=${Date.now()}; Path=/; Max-Age=31536000`,
    ])
    redirect(res, to)
  }

  const site: LoginSite = {
    handle(req, res) {
      const url = new URL(req.url ?? '/', 'http://app.invalid')
      if (url.pathname === '/' && req.method === 'GET') {
        if (site.authorize(req.headers.cookie))
          return sendHtml(res, 200, page('Scrum4Me', '<p>Ingelogd.</p>'))
        res.setHeader('Set-Cookie', [
          `theme=dark; Path=/; Max-Age=31536000; SameSite=Lax`,
          `_analytics=${randomBytes(6).toString('hex')}; Path=/; Max-Age=31536000`,
          `docs_lang=nl; Path=/docs; Max-Age=31536000`,
        ])
        if (idp) {
          const back = `http://${req.headers.host}/sso/callback`
          return redirect(res, `${idp.origin}/authorize?return_to=${encodeURIComponent(back)}`)
        }
        return sendHtml(res, 200, loginForm('/login', ''))
      }
      if (url.pathname === '/login' && req.method === 'POST' && !idp) {
        void readForm(req).then((form) => {
          const userId = check(options.accounts, form)
          if (!userId) return sendHtml(res, 200, loginForm('/login', 'Onjuist wachtwoord.'))
          startSession(res, userId, '/')
        })
        return true
      }
      if (url.pathname === '/sso/callback' && req.method === 'GET' && idp) {
        const code = url.searchParams.get('code') ?? ''
        const userId = oneTimeCodes.get(code)
        oneTimeCodes.delete(code)
        if (!userId) return sendHtml(res, 400, page('Scrum4Me', '<p>Ongeldige code.</p>'))
        startSession(res, userId, '/')
        return true
      }
      return false
    },
    authorize(cookieHeader) {
      for (const part of (cookieHeader ?? '').split(';')) {
        const [name, ...value] = part.trim().split('=')
        if (name !== sessionCookieName) continue
        const session = sessions.get(value.join('='))
        if (session && session.expiresAt > Date.now()) return session.userId
      }
      return undefined
    },
  }

  return {
    ...site,
    sessionCookieName,
    idpOrigin: idp?.origin ?? null,
    get sessionsCreated() {
      return sessions.size
    },
    expireSessions() {
      for (const session of sessions.values()) session.expiresAt = 0
    },
    close: async () => idp?.close(),
  }
}

/** The second origin of the SSO hop: its own form and cookie, then back with a one-time code. */
async function startIdentityProvider(accounts: Record<string, LoginAccount>, codes: Map<string, string>) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://idp.invalid')
    if (url.pathname !== '/authorize') return sendHtml(res, 404, page('IdP', '<p>Niet gevonden.</p>'))
    if (req.method === 'GET') {
      res.setHeader('Set-Cookie', `idp_device=${randomBytes(6).toString('hex')}; Path=/; HttpOnly`)
      return sendHtml(res, 200, loginForm(url.pathname + url.search, ''))
    }
    void readForm(req).then((form) => {
      const userId = check(accounts, form)
      if (!userId) return sendHtml(res, 200, loginForm(url.pathname + url.search, 'Onjuist wachtwoord.'))
      const back = new URL(url.searchParams.get('return_to') ?? '')
      const code = randomBytes(12).toString('hex')
      codes.set(code, userId)
      back.searchParams.set('code', code)
      res.setHeader(
        'Set-Cookie',
        `idp_sso=${randomBytes(12).toString('hex')}; Path=/; HttpOnly; SameSite=Lax`,
      )
      redirect(res, back.href)
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '::1', resolve)
  })
  const { port } = server.address() as AddressInfo
  return {
    origin: `http://[::1]:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

function check(accounts: Record<string, LoginAccount>, form: URLSearchParams): string | undefined {
  const [username = '', password = ''] = FORM_FIELDS.map((field) => form.get(field) ?? '')
  const account = Object.hasOwn(accounts, username) ? accounts[username] : undefined
  return account && account.password === password ? account.userId : undefined
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  let body = ''
  for await (const chunk of req) body += chunk
  return new URLSearchParams(body)
}

function loginForm(action: string, problem: string): string {
  const error = problem ? `<p class="error">${problem}</p>` : ''
  return page(
    'Inloggen',
    `${error}<form method="post" action="${action.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}">
<label>Gebruikersnaam <input name="username" autocomplete="username"></label>
<label>Wachtwoord <input name="password" type="password" autocomplete="current-password"></label>
<button type="submit">Inloggen</button></form>`,
  )
}

function page(title: string, body: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>`
}

function sendHtml(res: ServerResponse, status: number, html: string): true {
  res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8' })
  res.end(html)
  return true
}

function redirect(res: ServerResponse, to: string): true {
  res.writeHead(303, { Location: to })
  res.end()
  return true
}
