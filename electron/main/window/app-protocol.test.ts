import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { Net, Protocol } from 'electron'
import { describe, expect, it } from 'vitest'
import { isOwnPage, PANEL_URL, resolveAppFile, serveAppProtocol } from './app-protocol'

const root = resolve('/srv/app/out/renderer')

describe('resolveAppFile', () => {
  it('serves files under the renderer folder', () => {
    expect(resolveAppFile(root, PANEL_URL)).toBe(join(root, 'index.html'))
    expect(resolveAppFile(root, 'app://panel/')).toBe(join(root, 'index.html'))
    expect(resolveAppFile(root, 'app://panel/assets/index-abc.js?v=1#x')).toBe(
      join(root, 'assets', 'index-abc.js'),
    )
    expect(resolveAppFile(root, 'app://panel/assets/a%20b.css')).toBe(join(root, 'assets', 'a b.css'))
    expect(resolveAppFile(root, 'app://panel/assets/../index.html')).toBe(join(root, 'index.html'))
  })

  it('keeps dot segments the URL parser resolves itself at the renderer root', () => {
    expect(resolveAppFile(root, 'app://panel/../../../etc/passwd')).toBe(join(root, 'etc', 'passwd'))
    expect(resolveAppFile(root, 'app://panel/%2e%2e/%2e%2e/etc/passwd')).toBe(join(root, 'etc', 'passwd'))
  })

  it.each([
    'app://panel/assets/%2e%2e%2f%2e%2e%2f..%2fmain/index.js',
    'app://panel/..%2f..%2fmain%2findex.js',
    'app://panel/%2e%2e',
    'app://panel/index.html%00.png',
    'app://panel/%E0%A4%A',
    'app://other/index.html',
    'file:///srv/app/out/renderer/index.html',
    'https://panel/index.html',
    'not a url',
  ])('refuses %s', (url) => {
    expect(resolveAppFile(root, url)).toBeNull()
  })

  it('refuses a sibling folder that merely starts with the same name', () => {
    expect(resolveAppFile(root, 'app://panel/..%2frenderer-evil/x.js')).toBeNull()
  })
})

describe('isOwnPage', () => {
  it('accepts only the app:// panel in production', () => {
    expect(isOwnPage(PANEL_URL, null)).toBe(true)
    expect(isOwnPage('app://panel/other.html', null)).toBe(true)
    expect(isOwnPage('app://evil/index.html', null)).toBe(false)
    expect(isOwnPage('file:///srv/app/out/renderer/index.html', null)).toBe(false)
    expect(isOwnPage('http://localhost:5173/', null)).toBe(false)
    expect(isOwnPage('', null)).toBe(false)
    expect(isOwnPage('about:blank', null)).toBe(false)
  })

  it('accepts only the dev server origin in development', () => {
    const dev = 'http://localhost:5173'
    expect(isOwnPage('http://localhost:5173/index.html', dev)).toBe(true)
    expect(isOwnPage('http://localhost:5174/', dev)).toBe(false)
    expect(isOwnPage('http://localhost.evil.example:5173/', dev)).toBe(false)
    expect(isOwnPage(PANEL_URL, dev)).toBe(false)
  })
})

/** The directives of a policy, by name. */
function directives(policy: string): Map<string, string> {
  return new Map(
    policy
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...values]) => [name as string, values.join(' ')]),
  )
}

describe('the content security policy', () => {
  it('is served with every app:// page, with no <base>, no form target and no embedding', async () => {
    const handlers: Array<(request: GlobalRequest) => Promise<GlobalResponse> | GlobalResponse> = []
    const protocol: Pick<Protocol, 'handle'> = { handle: (_scheme, handler) => void handlers.push(handler) }
    // The page's bytes do not matter here, only the headers it is served with.
    const net: Pick<Net, 'fetch'> = {
      fetch: async () => new Response('<!doctype html>', { headers: { 'content-type': 'text/html' } }),
    }
    serveAppProtocol(protocol, net, root)
    const response = await handlers[0]?.(new Request(PANEL_URL))
    const policy = directives(response?.headers.get('content-security-policy') ?? '')
    expect(policy.get('default-src')).toBe("'none'")
    expect(policy.get('base-uri')).toBe("'none'")
    expect(policy.get('form-action')).toBe("'none'")
    expect(policy.get('frame-ancestors')).toBe("'none'")
  })

  it("is in the page's meta tag too, without frame-ancestors (which a meta tag cannot set)", () => {
    const html = readFileSync(resolve(import.meta.dirname, '../../../renderer/index.html'), 'utf8')
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1] ?? ''
    const policy = directives(meta)
    expect(policy.get('default-src')).toBe("'none'")
    expect(policy.get('base-uri')).toBe("'none'")
    expect(policy.get('form-action')).toBe("'none'")
    expect(policy.has('frame-ancestors')).toBe(false)
  })
})
