import { Redis } from 'ioredis'

/** Shared key/value store with expiry: Redis across nodes, a Map on the embedded default. */
export interface Cache {
  readonly kind: 'memory' | 'redis'
  get<T>(key: string): Promise<T | undefined>
  set(key: string, value: unknown, ttlSeconds: number): Promise<void>
  delete(key: string): Promise<void>
  /** Increments a counter, starting its expiry window on first use; returns the new value. */
  increment(key: string, windowSeconds: number): Promise<number>
  /** Raw strings, for the read cache (cache/read-cache.ts): several keys in one round trip. */
  getStrings(keys: string[]): Promise<Array<string | null>>
  /** Stores a raw string; `ttlSeconds` null keeps it until replaced. `onlyIfAbsent` leaves an existing value. */
  setString(key: string, value: string, ttlSeconds: number | null, onlyIfAbsent?: boolean): Promise<void>
  /** Increments counters that never expire, in one round trip. */
  incrementAll(keys: string[]): Promise<void>
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
    async getStrings(keys) {
      return keys.map((key) => {
        const value = live(key)?.value
        return value === undefined ? null : String(value)
      })
    },
    async setString(key, value, ttlSeconds, onlyIfAbsent) {
      if (onlyIfAbsent && live(key)) return
      entries.set(key, { value, expiresAt: ttlSeconds === null ? Infinity : Date.now() + ttlSeconds * 1000 })
    },
    async incrementAll(keys) {
      for (const key of keys) entries.set(key, { value: Number(live(key)?.value ?? 0) + 1, expiresAt: Infinity })
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
    async getStrings(keys) {
      return client.mget(keys.map((key) => prefix + key))
    },
    async setString(key, value, ttlSeconds, onlyIfAbsent) {
      const args: (string | number)[] = ttlSeconds === null ? [] : ['EX', Math.max(1, Math.ceil(ttlSeconds))]
      if (onlyIfAbsent) args.push('NX')
      await (client.set as (...args: unknown[]) => Promise<unknown>)(prefix + key, value, ...args)
    },
    async incrementAll(keys) {
      const pipeline = client.multi()
      for (const key of keys) pipeline.incr(prefix + key)
      const results = await pipeline.exec()
      const failed = results?.find(([error]) => error)
      if (!results || failed) throw failed?.[0] ?? new Error('redis transaction aborted')
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
