import { createHash, randomUUID } from 'node:crypto'
import superjson, { type SuperJSONResult } from 'superjson'
import { seesAllTeams, type Role } from '../../shared/permissions.ts'
import type { Cache } from '../infra/cache.ts'
import type { Logger } from '../logger.ts'
import { ALL_TEAMS_SCOPE, GLOBAL_SCOPE, teamScopeName } from './invalidation.ts'

// The exact read cache of the hot reads (lists' first pages, records, the pipeline board, the
// dashboard). Redis across nodes, a Map on the embedded default (infra/cache.ts).
//
// Exactness: an answer is stored with a stamp, the epoch and the generations of the scopes it was
// read from, read *before* the database; it is served only to a reader who reads the same stamp. A
// write bumps those generations after its transaction commits and before its response
// (cache/invalidation.ts), so once it has answered, every reader reads the new generations, and any
// answer stamped with them was read from the database after the commit. An answer's key holds no
// generation, so a hit is one round trip: the stamp's counters and the answer in one MGET. A newer
// answer replaces an older one under the same key.
//
// Keys also hold who asks (role, team, and the user for personal answers), so an answer never
// reaches someone who may not read it. Redis errors: the cache steps aside (answers come from the
// database) until it has rotated the epoch, which makes every answer stored before unreachable on
// every node (a bump may have been lost meanwhile).

const EPOCH_KEY = 'rc:epoch'
const generationKey = (scope: string) => `rc:gen:${scope}`
const DEFAULT_TTL_SECONDS = 300
const DEFAULT_TIMEOUT_MS = 1_000
const RECOVERY_INTERVAL_MS = 500
/** Credential lookups kept in a node's memory (readGlobal): about one per signed-in session or token in use. */
const MEMO_ENTRIES = 10_000

/** Who asks: everything that decides what an answer may contain. */
export interface CacheAudience {
  id: string
  role: Role
  teamId: string | null
}

/** An answer in superjson's serialised form (`{ json, meta }`), sent by the tRPC transformer as it is. */
export class WireAnswer {
  constructor(readonly serialized: SuperJSONResult) {}
}

export interface ReadCacheStats {
  hits: number
  misses: number
  /** Concurrent misses of one key served by a single computation. */
  shared: number
  /** Reads answered from the database because the cache could not be trusted or reached. */
  bypasses: number
  errors: number
  invalidations: number
}

/** The generations an audience's answers depend on. */
export function scopesOf(audience: CacheAudience): string[] {
  return [GLOBAL_SCOPE, seesAllTeams(audience.role) ? ALL_TEAMS_SCOPE : teamScopeName(audience.teamId ?? 'none')]
}

/** JSON with object keys sorted, so equal inputs give equal keys. */
export function stableStringify(value: unknown): string {
  if (value === undefined) return 'null'
  if (value === null || typeof value !== 'object') return JSON.stringify(value)
  if (value instanceof Date) return JSON.stringify(value.toISOString())
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, item]) => item !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${stableStringify(item)}`).join(',')}}`
}

/** Where an answer is stored: what was asked, and who asks. */
export function buildCacheKey(parts: { name: string; audience: CacheAudience; personal: boolean; input: unknown }): string {
  const { audience } = parts
  const who = `${audience.role}:${audience.teamId ?? '-'}:${parts.personal ? audience.id : '-'}`
  const inputHash = createHash('sha1').update(stableStringify(parts.input)).digest('base64url')
  return `rc:v:${parts.name}:${who}:${inputHash}`
}

/** Which state of the database a stored answer was read from: the epoch and its scopes' generations. */
export function cacheStamp(epoch: string, generations: Array<string | null>): string {
  return `${epoch}:${generations.map((value) => value ?? '0').join('.')}`
}

/** Runs `compute` once per key at a time on this node: concurrent callers of a key share its result. */
export function createSingleFlight<T>() {
  const inflight = new Map<string, Promise<T>>()
  return {
    run(key: string, compute: () => Promise<T>): { promise: Promise<T>; shared: boolean } {
      const running = inflight.get(key)
      if (running) return { promise: running, shared: true }
      const promise = compute().finally(() => inflight.delete(key))
      inflight.set(key, promise)
      return { promise, shared: false }
    },
    get size() {
      return inflight.size
    },
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`cache did not answer within ${ms} ms`)), ms)
    promise.then(
      (value) => (clearTimeout(timer), resolve(value)),
      (error) => (clearTimeout(timer), reject(error)),
    )
  })
}

export function createReadCache(store: Cache, options: { logger?: Logger; ttlSeconds?: number; timeoutMs?: number } = {}) {
  const ttl = options.ttlSeconds ?? DEFAULT_TTL_SECONDS
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
  const stats: ReadCacheStats = { hits: 0, misses: 0, shared: 0, bypasses: 0, errors: 0, invalidations: 0 }
  /** A computed answer: its text, and the serialised form it was written from (read-only, shared by a flight's callers). */
  const flights = createSingleFlight<{ raw: string; serialized: SuperJSONResult }>()
  let trusted = true
  let recovery: NodeJS.Timeout | undefined
  let closed = false
  /** `readGlobal`'s answers in this node's memory, oldest first; bounded, and no older than the TTL. */
  const memo = new Map<string, { raw: string; expiresAt: number }>()
  function remember(key: string, raw: string) {
    memo.delete(key)
    if (memo.size >= MEMO_ENTRIES) memo.delete(memo.keys().next().value!)
    memo.set(key, { raw, expiresAt: Date.now() + ttl * 1000 })
  }

  /** Stops using the cache until the epoch is rotated (a bump may have been lost). */
  function distrust(error: unknown) {
    stats.errors++
    if (!trusted || closed) return
    trusted = false
    options.logger?.warn({ err: (error as Error)?.message }, 'read cache unavailable: answering from the database')
    recovery = setInterval(() => void recover(), RECOVERY_INTERVAL_MS)
    recovery.unref()
  }

  async function recover() {
    try {
      await withTimeout(store.setString(EPOCH_KEY, randomUUID(), null), timeoutMs)
      clearInterval(recovery)
      recovery = undefined
      trusted = true
      options.logger?.info('read cache back, with a new epoch')
    } catch {
      // still unreachable: try again at the next interval
    }
  }

  async function bypass<T>(compute: () => Promise<T>): Promise<T> {
    stats.bypasses++
    return compute()
  }

  /** The epoch and the scopes' generations, read before the database; null when the store failed (then distrusted). */
  async function generationsOf(scopes: string[]): Promise<Array<string | null> | null> {
    try {
      return await withTimeout(store.getStrings([EPOCH_KEY, ...scopes.map(generationKey)]), timeoutMs)
    } catch (error) {
      distrust(error)
      return null
    }
  }

  /** A stored answer, or null (absent, or the store failed). */
  async function stored(key: string): Promise<string | null> {
    try {
      const [raw] = await withTimeout(store.getStrings([key]), timeoutMs)
      return raw
    } catch (error) {
      distrust(error)
      return null
    }
  }

  /** The epoch, the scopes' generations and what `key` holds, in one round trip; null when the store failed. */
  async function generationsAndStored(scopes: string[], key: string): Promise<{ epoch: string | null; generations: Array<string | null>; stored: string | null } | null> {
    try {
      const values = await withTimeout(store.getStrings([EPOCH_KEY, ...scopes.map(generationKey), key]), timeoutMs)
      return { epoch: values[0], generations: values.slice(1, -1), stored: values[values.length - 1] }
    } catch (error) {
      distrust(error)
      return null
    }
  }

  function keep(key: string, raw: string) {
    if (trusted) void withTimeout(store.setString(key, raw, ttl), timeoutMs).catch(distrust)
  }

  /** First use, or the store lost its data: start an epoch; this answer comes from the database. */
  async function startEpoch<T>(compute: () => Promise<T>): Promise<T> {
    await withTimeout(store.setString(EPOCH_KEY, randomUUID(), null, true), timeoutMs).catch(distrust)
    return bypass(compute)
  }

  /** The stored answer's text (superjson), or the computed value itself when the cache is bypassed. */
  async function lookup<T>(
    name: string,
    audience: CacheAudience,
    input: unknown,
    compute: () => Promise<T>,
    personal: boolean,
  ): Promise<{ raw: string; serialized?: SuperJSONResult } | { value: T }> {
    if (!trusted) return { value: await bypass(compute) }
    const key = buildCacheKey({ name, audience, personal, input })
    const found = await generationsAndStored(scopesOf(audience), key)
    if (!found) return { value: await bypass(compute) }
    if (found.epoch === null) return { value: await startEpoch(compute) }
    // Stored as `stamp` newline `answer`; served only under the same stamp.
    const stamped = `${cacheStamp(found.epoch, found.generations)}\n`
    if (found.stored?.startsWith(stamped)) {
      stats.hits++
      return { raw: found.stored.slice(stamped.length) }
    }
    const flight = flights.run(stamped + key, async () => {
      stats.misses++
      const serialized = superjson.serialize(await compute())
      const raw = JSON.stringify(serialized)
      keep(key, stamped + raw)
      return { raw, serialized }
    })
    if (flight.shared) stats.shared++
    return flight.promise
  }

  const readCache = {
    stats,
    get trusted() {
      return trusted
    },

    /**
     * The answer of `name` for `input` as `audience` may see it: from the cache when an exact one is
     * there, else from `compute` (stored for the next caller). `personal`: the answer depends on who
     * asks beyond role and team (their own figures). Each caller gets its own copy, with Dates,
     * BigInts and the like restored.
     */
    async read<T>(name: string, audience: CacheAudience, input: unknown, compute: () => Promise<T>, personal = false): Promise<T> {
      const found = await lookup(name, audience, input, compute, personal)
      return 'raw' in found ? superjson.parse<T>(found.raw) : found.value
    },

    /**
     * `read` for what a procedure returns: the answer as tRPC sends it, already serialised by
     * superjson (the transformer, trpc/trpc.ts, passes a `WireAnswer` through). A hit is then one
     * `JSON.parse` and the response's `JSON.stringify`, where reviving the copy and serialising it
     * again walked every value twice. Typed as the answer for the procedure's callers; anything but
     * a procedure's return value must use `read`.
     */
    async answer<T>(name: string, audience: CacheAudience, input: unknown, compute: () => Promise<T>, personal = false): Promise<T> {
      const found = await lookup(name, audience, input, compute, personal)
      if (!('raw' in found)) return found.value
      // A miss hands over the form it stored (no need to parse what was just written).
      return new WireAnswer(found.serialized ?? (JSON.parse(found.raw) as SuperJSONResult)) as T
    },

    /**
     * `answer` for a list: its first page through the cache, a page after it (`cursor`) straight
     * from the database (pages further on are rarely read twice before a write).
     */
    listAnswer<T>(name: string, audience: CacheAudience, input: { cursor?: unknown }, compute: () => Promise<T>, personal = false): Promise<T> {
      return input.cursor ? compute() : readCache.answer(name, audience, input, compute, personal)
    },

    /**
     * An answer that depends on no audience, only on rows whose changes bump the global generation
     * (users, teams, sessions and tokens: their changes append `user.*`, `team.*` or `security.*`
     * events): the credential lookups of every request. Kept in this node's memory too, under the
     * same exact key, so a hit costs one round trip to the store. A null answer is not kept.
     */
    async readGlobal<T>(name: string, input: string, compute: () => Promise<T | null>): Promise<T | null> {
      if (!trusted) return bypass(compute)
      const values = await generationsOf([GLOBAL_SCOPE])
      if (!values) return bypass(compute)
      const [epoch, generation] = values
      if (epoch === null) return startEpoch(compute)
      const key = `rc:g:${epoch}:${name}:${generation ?? '0'}:${input}`
      const local = memo.get(key)
      if (local && local.expiresAt > Date.now()) {
        stats.hits++
        return superjson.parse<T>(local.raw)
      }
      let raw = await stored(key)
      if (raw !== null) {
        stats.hits++
      } else {
        stats.misses++
        const value = await compute()
        if (value === null) return null
        raw = superjson.stringify(value)
        keep(key, raw)
      }
      remember(key, raw)
      return superjson.parse<T>(raw)
    },

    /** Makes every answer read from `scopes` unreachable, on every node. Awaited before a write answers. */
    async invalidate(scopes: string[]): Promise<void> {
      if (scopes.length === 0) return
      stats.invalidations++
      try {
        await withTimeout(store.incrementAll(scopes.map(generationKey)), timeoutMs)
      } catch (error) {
        distrust(error)
      }
    },

    /** The connection to the store dropped: whatever happened meanwhile is unknown. */
    connectionLost() {
      distrust(new Error('connection lost'))
    },

    close() {
      closed = true
      clearInterval(recovery)
    },
  }
  return readCache
}

export type ReadCache = ReturnType<typeof createReadCache>
