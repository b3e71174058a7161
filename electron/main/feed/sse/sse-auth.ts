/** How the notifier proves who it is to the Scrum4Me web app. */
export type SseAuth = { kind: 'cookie'; cookie: string } | { kind: 'bearer'; token: string }

export function authHeaders(auth: SseAuth): Record<string, string> {
  return auth.kind === 'cookie' ? { Cookie: auth.cookie } : { Authorization: `Bearer ${auth.token}` }
}
