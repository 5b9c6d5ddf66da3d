import { AsyncLocalStorage } from 'node:async_hooks'
import crypto from 'node:crypto'

// One id per unit of work (an HTTP request, a Socket.IO event, a job run): every log line written
// while it runs, its error response and its Sentry event carry it, so one id finds all of them.
const storage = new AsyncLocalStorage<string>()

/** An id a caller may pass in (X-Request-Id from a proxy): short, plain characters only. */
const ACCEPTED = /^[\w.:-]{8,80}$/

export function newCorrelationId(): string {
  return crypto.randomUUID()
}

export function acceptedCorrelationId(candidate: unknown): string | undefined {
  return typeof candidate === 'string' && ACCEPTED.test(candidate) ? candidate : undefined
}

export function withCorrelationId<T>(id: string, work: () => T): T {
  return storage.run(id, work)
}

export function currentCorrelationId(): string | undefined {
  return storage.getStore()
}
