import { EventEmitter } from 'node:events'
import { Redis } from 'ioredis'
import type { Logger } from '../logger.ts'

/** Cross-node messaging. In process on the embedded default, Redis pub/sub when REDIS_URL is set. */
export interface Bus {
  readonly kind: 'memory' | 'redis'
  publish(channel: string, message: unknown): Promise<void>
  subscribe(channel: string, handler: (message: unknown) => void): () => void
  /** Called after the subscriber connection comes back: messages sent meanwhile were lost. */
  onReconnect(handler: () => void): () => void
  close(): Promise<void>
}

export function createMemoryBus(): Bus {
  const emitter = new EventEmitter()
  emitter.setMaxListeners(0)
  return {
    kind: 'memory',
    async publish(channel, message) {
      // Round-trip through JSON so both implementations hand consumers the same shapes.
      const copy = JSON.parse(JSON.stringify(message))
      queueMicrotask(() => emitter.emit(channel, copy))
    },
    subscribe(channel, handler) {
      emitter.on(channel, handler)
      return () => emitter.off(channel, handler)
    },
    onReconnect() {
      return () => undefined // an in-process bus never disconnects
    },
    async close() {
      emitter.removeAllListeners()
    },
  }
}

export function createRedisBus(url: string, prefix: string, logger: Logger): Bus {
  const publisher = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 2 })
  const subscriber = new Redis(url, { lazyConnect: false })
  const handlers = new Map<string, Set<(message: unknown) => void>>()
  const reconnectHandlers = new Set<() => void>()
  let connectedBefore = false
  subscriber.on('ready', () => {
    if (connectedBefore) for (const handler of reconnectHandlers) handler()
    connectedBefore = true
  })
  for (const connection of [publisher, subscriber]) {
    connection.on('error', (error) => logger.warn({ err: error.message }, 'redis bus connection error'))
  }
  subscriber.on('message', (prefixed: string, raw: string) => {
    const listeners = handlers.get(prefixed.slice(prefix.length))
    if (!listeners) return
    let message: unknown
    try {
      message = JSON.parse(raw)
    } catch {
      logger.warn({ channel: prefixed }, 'dropped a malformed bus message')
      return
    }
    for (const listener of listeners) listener(message)
  })
  return {
    kind: 'redis',
    async publish(channel, message) {
      await publisher.publish(prefix + channel, JSON.stringify(message))
    },
    subscribe(channel, handler) {
      let listeners = handlers.get(channel)
      if (!listeners) {
        listeners = new Set()
        handlers.set(channel, listeners)
        void subscriber.subscribe(prefix + channel)
      }
      listeners.add(handler)
      return () => {
        listeners.delete(handler)
        if (listeners.size === 0) {
          handlers.delete(channel)
          void subscriber.unsubscribe(prefix + channel)
        }
      }
    },
    onReconnect(handler) {
      reconnectHandlers.add(handler)
      return () => reconnectHandlers.delete(handler)
    },
    async close() {
      handlers.clear()
      reconnectHandlers.clear()
      subscriber.disconnect()
      await publisher.quit().catch(() => publisher.disconnect())
    },
  }
}
