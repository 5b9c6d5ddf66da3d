import fs from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestClient, loginAs } from '../support/client.ts'
import { errorOf } from '../support/errors.ts'
import { DEMO_PASSWORD, startTestServer, type TestServer } from '../support/server.ts'

let server: TestServer

beforeAll(async () => {
  server = await startTestServer({ env: { SENTRY_BROWSER_DSN: 'https://key@sentry.example.com/42' } })
})
afterAll(async () => {
  await server?.stop()
})

function login(url: string, headers: Record<string, string> = {}) {
  return fetch(`${url}/trpc/auth.login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ json: { email: 'sales.paris@demo.test', password: DEMO_PASSWORD } }),
  })
}

function directives(policy: string | null): Map<string, string[]> {
  return new Map(
    (policy ?? '')
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name, ...values]) => [name, values]),
  )
}

describe('headers on every response', () => {
  it('sends a strict Content-Security-Policy, frame, referrer and permissions policies', async () => {
    for (const path of ['/healthz', '/trpc/auth.me', '/favicon.svg', '/', '/organisations']) {
      const response = await fetch(`${server.url}${path}`)
      const csp = directives(response.headers.get('content-security-policy'))
      expect(csp.get('script-src'), path).toEqual(["'self'"])
      expect(csp.get('style-src-attr'), path).toEqual(["'unsafe-inline'"])
      if (response.headers.get('content-type')?.startsWith('text/html')) {
        // The page: its <style> nonce is fresh on each response, and the same in the header and the page.
        const nonce = (await response.text()).match(/<meta name="csp-nonce" content="([^"]+)"/)?.[1]
        expect(nonce, path).toMatch(/^[A-Za-z0-9+/]{22}==$/)
        expect(csp.get('style-src'), path).toEqual(["'self'", `'nonce-${nonce}'`])
      } else {
        expect(csp.get('style-src'), path).toEqual(["'self'"])
      }
      expect(csp.get('default-src')).toEqual(["'self'"])
      expect(csp.get('object-src')).toEqual(["'none'"])
      expect(csp.get('base-uri')).toEqual(["'none'"])
      expect(csp.get('frame-ancestors')).toEqual(["'none'"])
      // The browser's error reports go to the configured Sentry origin, and nowhere else.
      expect(csp.get('connect-src')).toEqual(["'self'", 'https://sentry.example.com'])
      expect(response.headers.get('x-frame-options')).toBe('DENY')
      expect(response.headers.get('x-content-type-options')).toBe('nosniff')
      expect(response.headers.get('referrer-policy')).toBe('same-origin')
      expect(response.headers.get('permissions-policy')).toMatch(/camera=\(\).*geolocation=\(\).*microphone=\(\)/)
      expect(response.headers.get('cross-origin-opener-policy')).toBe('same-origin')
      // Plain HTTP (cookies not Secure): no HSTS, which would strand a deployment without TLS.
      expect(response.headers.get('strict-transport-security')).toBeNull()
    }
  })

  it('gives each page load its own nonce', async () => {
    const nonces = new Set<string | null>()
    for (let load = 0; load < 3; load++) {
      nonces.add((await fetch(`${server.url}/`)).headers.get('content-security-policy')?.match(/'nonce-([^']+)'/)?.[1] ?? null)
    }
    expect(nonces.size).toBe(3)
    expect(nonces.has(null)).toBe(false)
  })

  it('the client page needs no inline script (the policy forbids them)', () => {
    for (const file of ['src/client/index.html', 'dist/client/index.html']) {
      if (!fs.existsSync(file)) continue
      const html = fs.readFileSync(file, 'utf8').replace(/<!--[\s\S]*?-->/g, '')
      const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)]
      expect(scripts.length, file).toBeGreaterThan(0)
      for (const [, attributes, body] of scripts) {
        expect(attributes, file).toMatch(/\bsrc=/)
        expect(body.trim(), file).toBe('')
      }
      expect(html, file).not.toMatch(/<style\b|\sstyle=/)
    }
  })
})

describe('sign-in from another site (login CSRF)', () => {
  it('refuses auth.login from another origin, and sets no cookie', async () => {
    const response = await login(server.url, { origin: 'https://evil.example' })
    expect(response.status).toBe(403)
    expect(response.headers.getSetCookie()).toEqual([])
  })

  it('refuses a cross-site request that hides its Origin', async () => {
    const response = await login(server.url, { 'sec-fetch-site': 'cross-site' })
    expect(response.status).toBe(403)
  })

  it('accepts the same origin, and scripts that send no Origin', async () => {
    expect((await login(server.url, { origin: server.url, 'sec-fetch-site': 'same-origin' })).status).toBe(200)
    expect((await login(server.url)).status).toBe(200)
  })

  it('refuses auth.logout from another origin: the session stays open', async () => {
    const client = await loginAs(server.url, 'manager.paris@demo.test')
    const response = await fetch(`${server.url}/trpc/auth.logout`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: client.jar.header(), origin: 'https://evil.example' },
      body: '{}',
    })
    expect(response.status).toBe(403)
    expect(await client.trpc.auth.me.query()).toMatchObject({ email: 'manager.paris@demo.test' })
    const other = createTestClient(server.url, { jar: client.jar, origin: 'https://evil.example' })
    expect(await errorOf(other.trpc.auth.logout.mutate())).toBeDefined()
  })
})

describe('behind HTTPS (COOKIE_SECURE=true)', () => {
  it('names the cookie __Host-, marks it Secure, and sends HSTS', async () => {
    const secure = await startTestServer({ redis: false, env: { COOKIE_SECURE: 'true' } })
    try {
      const response = await login(secure.url)
      expect(response.status).toBe(200)
      const [cookie] = response.headers.getSetCookie()
      expect(cookie).toMatch(/^__Host-alforis_session=/)
      expect(cookie).toMatch(/; Secure/i)
      expect(cookie).toMatch(/; Path=\//i)
      expect(cookie).toMatch(/; HttpOnly/i)
      expect(cookie).not.toMatch(/Domain=/i)
      expect(response.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains')
      expect(response.headers.get('content-security-policy')).toMatch(/upgrade-insecure-requests/)

      const value = cookie.split(';')[0].split('=')[1]
      const me = async (cookieHeader: string) =>
        (await (await fetch(`${secure.url}/trpc/auth.me`, { headers: { cookie: cookieHeader } })).json()).result.data.json
      expect(await me(`__Host-alforis_session=${value}`)).toMatchObject({ email: 'sales.paris@demo.test' })
      // The unprefixed name (which a sibling subdomain could plant) is not read.
      expect(await me(`alforis_session=${value}`)).toBeNull()
    } finally {
      await secure.stop()
    }
  })
})
