import { request, type Dispatcher } from 'undici'
import { PrivateAddressError } from './webhook.address.ts'
import { signedHeaders } from './webhook.signature.ts'

const EXCERPT_CHARS = 1_000
const USER_AGENT = 'Alforis-Webhooks/1.0'

export interface SendOutcome {
  ok: boolean
  statusCode: number | null
  durationMs: number
  /** The start of what the endpoint answered (or null). */
  responseExcerpt: string | null
  /** Why no answer came: timeout, refused address, network error. */
  error: string | null
  /** The delay the endpoint asked for (`Retry-After`), in ms. */
  retryAfterMs: number | null
}

/**
 * One signed POST. Never throws for what the endpoint does: timeouts, network errors and every
 * answer come back as an outcome. Redirects are not followed (a 3xx is a failure).
 */
export async function sendWebhook(options: {
  url: string
  id: string
  body: string
  secrets: string[]
  agent: Dispatcher
  timeoutMs: number
}): Promise<SendOutcome> {
  const started = performance.now()
  const elapsed = () => Math.round(performance.now() - started)
  const headers = {
    ...signedHeaders(options.id, options.body, options.secrets),
    'content-type': 'application/json',
    'user-agent': USER_AGENT,
  }
  try {
    const response = await request(options.url, {
      method: 'POST',
      headers,
      body: options.body,
      dispatcher: options.agent,
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
      signal: AbortSignal.timeout(options.timeoutMs),
    })
    const excerpt = await readExcerpt(response.body)
    const ok = response.statusCode >= 200 && response.statusCode < 300
    return {
      ok,
      statusCode: response.statusCode,
      durationMs: elapsed(),
      responseExcerpt: excerpt,
      error: ok ? null : `HTTP ${response.statusCode}`,
      retryAfterMs: ok ? null : parseRetryAfter(response.headers['retry-after']),
    }
  } catch (error) {
    return { ok: false, statusCode: null, durationMs: elapsed(), responseExcerpt: null, error: describeError(error, options.timeoutMs), retryAfterMs: null }
  }
}

async function readExcerpt(body: Dispatcher.ResponseData['body']): Promise<string | null> {
  let text = ''
  try {
    for await (const chunk of body) {
      text += Buffer.from(chunk as Uint8Array).toString('utf8')
      if (text.length >= EXCERPT_CHARS) break
    }
  } catch {
    // An answer cut short still has a status code.
  } finally {
    body.destroy()
  }
  return text ? text.slice(0, EXCERPT_CHARS) : null
}

/** `Retry-After` as seconds or an HTTP date, in ms from now (null if absent or unreadable). */
export function parseRetryAfter(value: string | string[] | undefined, now = Date.now()): number | null {
  const raw = Array.isArray(value) ? value[0] : value
  if (!raw) return null
  if (/^\d+$/.test(raw.trim())) return Number(raw.trim()) * 1000
  const date = Date.parse(raw)
  return Number.isNaN(date) ? null : Math.max(0, date - now)
}

function describeError(error: unknown, timeoutMs: number): string {
  const chain: unknown[] = []
  for (let current: unknown = error; current && chain.length < 5; current = (current as { cause?: unknown }).cause) chain.push(current)
  const refused = chain.find((entry) => entry instanceof PrivateAddressError) as PrivateAddressError | undefined
  if (refused) return refused.message
  const names = chain.map((entry) => (entry as Error).name)
  const codes = chain.map((entry) => (entry as { code?: string }).code)
  if (names.includes('TimeoutError') || codes.some((code) => code?.startsWith('UND_ERR_') && code.includes('TIMEOUT'))) {
    return `Timed out after ${timeoutMs / 1000} s`
  }
  const first = chain.find((entry) => (entry as { code?: string }).code) as { code?: string; message?: string } | undefined
  return first?.code ? `${first.code}: ${first.message ?? ''}`.trim() : ((error as Error).message ?? 'Network error')
}
