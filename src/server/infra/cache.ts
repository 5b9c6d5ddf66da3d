import { Redis } from 'ioredis'

/** Shared key/value store with expiry: Redis across nodes, a Map on the embedded default. */
export interface Cache {
  readonly kind: 'memory' | 'redis'
  get<T>(key: string): Promise<T | undefined>
  set(key: string, value: unknown, ttlSeconds: number): Promise<void>
  delete(key: string): Promise<void>
  /** Increments a counter, starting its expiry window on first use; returns the new value. */
  increment(key: string, windowSeconds: number): Promise<number>
  ping(): Promise<boolean>
  close(): Promise<void>
}

export function createMemoryCache(): Cache {
  const entries = new Map<string, { value: unknown; expiresAt: number }>()
  const live = (key: string) => {
    const entry = entries.get(key)
    if (entry && entry.expiresAt <= Date.now()) {
      entries.delete(key)
      return undefined
    }
    return entry
  }
  const sweep = setInterval(() => {
    const now = Date.now()
    for (const [key, entry] of entries) if (entry.expiresAt <= now) entries.delete(key)
  }, 60_000)
  sweep.unref()
  return {
    kind: 'memory',
    async get<T>(key: string) {
      return live(key)?.value as T | undefined
    },
    async set(key, value, ttlSeconds) {
      entries.set(key, { value: structuredClone(value), expiresAt: Date.now() + ttlSeconds * 1000 })
    },
    async delete(key) {
      entries.delete(key)
    },
    async increment(key, windowSeconds) {
      const entry = live(key)
      const value = ((entry?.value as number | undefined) ?? 0) + 1
      entries.set(key, { value, expiresAt: entry?.expiresAt ?? Date.now() + windowSeconds * 1000 })
      return value
    },
    async ping() {
      return true
    },
    async close() {
      clearInterval(sweep)
      entries.clear()
    },
  }
}

export function createRedisCache(client: Redis, prefix: string): Cache {
  return {
    kind: 'redis',
    async get<T>(key: string) {
      const raw = await client.get(prefix + key)
      return raw === null ? undefined : (JSON.parse(raw) as T)
    },
    async set(key, value, ttlSeconds) {
      await client.set(prefix + key, JSON.stringify(value), 'EX', Math.max(1, Math.ceil(ttlSeconds)))
    },
    async delete(key) {
      await client.del(prefix + key)
    },
    async increment(key, windowSeconds) {
      const [[, value]] = (await client
        .multi()
        .incr(prefix + key)
        .expire(prefix + key, windowSeconds, 'NX')
        .exec()) as [[Error | null, number], [Error | null, number]]
      return value
    },
    async ping() {
      try {
        const timeout = new Promise<string>((resolve) => setTimeout(resolve, 1000, 'timeout').unref())
        return (await Promise.race([client.ping(), timeout])) === 'PONG'
      } catch {
        return false
      }
    },
    async close() {
      await client.quit().catch(() => client.disconnect())
    },
  }
}
