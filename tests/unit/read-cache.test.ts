import { describe, expect, it } from 'vitest'
import superjson from 'superjson'
import { buildCacheKey, cacheStamp, createReadCache, type CacheAudience, createSingleFlight, scopesOf, stableStringify, WireAnswer } from '../../src/server/cache/read-cache.ts'
import { collectChanges, recordChange, scopesOfEvent } from '../../src/server/cache/invalidation.ts'
import { createMemoryCache, type Cache } from '../../src/server/infra/cache.ts'
import { taskListDependsOn } from '../../src/server/features/task/task.service.ts'

const sales = { id: 'u1', role: 'SALES' as const, teamId: 't1' }
const base = { epoch: 'e1', name: 'organisations.list', audience: sales, personal: false, generations: ['1', '2'], input: { limit: 50, stage: ['PROSPECT'] } }
/** What an answer is served for: its key, and the stamp of the state it was read from. */
const entry = (parts: Omit<typeof base, 'audience'> & { audience: CacheAudience }) => `${buildCacheKey(parts)} ${cacheStamp(parts.epoch, parts.generations)}`

describe('read cache keys', () => {
  it('depend on everything that decides the answer, and on nothing else', () => {
    const key = entry(base)
    expect(entry({ ...base, input: { stage: ['PROSPECT'], limit: 50 } })).toBe(key) // key order
    expect(entry({ ...base, input: { limit: 50, stage: ['PROSPECT'], q: undefined } as typeof base.input })).toBe(key)
    const others = [
      { ...base, epoch: 'e2' },
      { ...base, name: 'organisations.byId' },
      { ...base, audience: { ...sales, role: 'VIEWER' as const } },
      { ...base, audience: { ...sales, teamId: 't2' } },
      { ...base, generations: ['1', '3'] },
      { ...base, generations: ['2', '1'] },
      { ...base, input: { limit: 50, stage: ['QUALIFIED'] } },
      { ...base, personal: true },
    ]
    const keys = new Set(others.map(entry))
    expect(keys.size).toBe(others.length)
    expect(keys.has(key)).toBe(false)
    // A newer state of the same question replaces the older answer: same key, another stamp.
    expect(buildCacheKey({ ...base, epoch: 'e2', generations: ['1', '3'] } as typeof base)).toBe(buildCacheKey(base))
    // Another user of the same role and team shares team answers, not personal ones.
    expect(entry({ ...base, audience: { ...sales, id: 'u2' } })).toBe(key)
    expect(entry({ ...base, personal: true, audience: { ...sales, id: 'u2' } })).not.toBe(entry({ ...base, personal: true }))
  })

  it('reads team answers from the team and global generations, admins from all teams', () => {
    expect(scopesOf(sales)).toEqual(['global', 'team:t1'])
    expect(scopesOf({ ...sales, teamId: null })).toEqual(['global', 'team:none'])
    expect(scopesOf({ id: 'a', role: 'ADMIN', teamId: 't1' })).toEqual(['global', 'all'])
    expect(stableStringify({ b: new Date('2026-01-01T00:00:00Z'), a: [1, null] })).toBe('{"a":[1,null],"b":"2026-01-01T00:00:00.000Z"}')
  })

  it('invalidates the scopes an event touches, both teams when a record moves', () => {
    expect(scopesOfEvent({ entity: 'organisation', teamId: 't1', payload: {} })).toEqual(['team:t1', 'all'])
    expect(scopesOfEvent({ entity: 'organisation', teamId: 't2', payload: { changes: { teamId: { from: 't1', to: 't2' } } } })).toEqual(['team:t2', 'all', 'team:t1'])
    expect(scopesOfEvent({ entity: 'user', teamId: 't1', payload: {} })).toEqual(['global'])
    expect(scopesOfEvent({ entity: 'notification', teamId: null, payload: {} })).toEqual(['global'])
  })

  it('bumps what a transaction recorded once it is over, nested calls once', async () => {
    const bumped: string[][] = []
    const result = await collectChanges(
      async () => {
        recordChange({ entity: 'task', teamId: 't1', payload: {} })
        await collectChanges(async () => recordChange({ entity: 'product', teamId: null, payload: {} }), async (scopes) => void bumped.push(scopes))
        return 42
      },
      async (scopes) => void bumped.push(scopes),
    )
    expect(result).toBe(42)
    expect(bumped).toEqual([['team:t1', 'all', 'global']])
    recordChange({ entity: 'task', teamId: 't1', payload: {} }) // outside: nothing to collect, no error
    await expect(collectChanges(async () => (recordChange({ entity: 'task', teamId: 't9', payload: {} }), Promise.reject(new Error('rolled back'))), async (scopes) => void bumped.push(scopes))).rejects.toThrow('rolled back')
    expect(bumped[1]).toEqual(['team:t9', 'all'])
  })
})

describe('single flight', () => {
  it('computes concurrent misses of one key once, and again once it has settled', async () => {
    const flights = createSingleFlight<number>()
    let runs = 0
    let release!: () => void
    const gate = new Promise<void>((resolve) => (release = resolve))
    const compute = async () => {
      runs++
      await gate
      return runs
    }
    const calls = Array.from({ length: 10 }, () => flights.run('k', compute))
    const other = flights.run('other', async () => 7)
    expect(calls.filter((call) => call.shared)).toHaveLength(9)
    release()
    expect(await Promise.all(calls.map((call) => call.promise))).toEqual(Array(10).fill(1))
    expect(await other.promise).toBe(7)
    expect(flights.size).toBe(0)
    expect(await flights.run('k', compute).promise).toBe(2)
  })

  it('shares a failure with the callers that waited, and keeps nothing', async () => {
    const flights = createSingleFlight<number>()
    const first = flights.run('k', () => Promise.reject(new Error('boom')))
    const second = flights.run('k', async () => 1)
    await expect(first.promise).rejects.toThrow('boom')
    await expect(second.promise).rejects.toThrow('boom')
    expect(await flights.run('k', async () => 3).promise).toBe(3)
  })
})

describe('read cache', () => {
  it('serves an exact copy with its types until a scope it read from is invalidated', async () => {
    const cache = createReadCache(createMemoryCache())
    let version = 1
    const compute = async () => ({ version, at: new Date('2026-03-01T10:00:00Z'), big: 12345678901234567890n })
    await cache.read('x', sales, {}, compute) // starts the epoch
    const first = await cache.read('x', sales, {}, compute)
    version = 2
    const second = await cache.read('x', sales, {}, compute)
    expect(second).toEqual({ version: 1, at: new Date('2026-03-01T10:00:00Z'), big: 12345678901234567890n })
    expect(second.at).toBeInstanceOf(Date)
    expect(second).not.toBe(first)
    await cache.invalidate(['team:t2'])
    expect((await cache.read('x', sales, {}, compute)).version).toBe(1) // another team's write
    await cache.invalidate(['team:t1', 'all'])
    expect((await cache.read('x', sales, {}, compute)).version).toBe(2)
    expect(cache.stats).toMatchObject({ hits: 2, misses: 2, bypasses: 1, invalidations: 2 })
  })

  it('hands a procedure its answer already serialised, exactly as superjson would send it, hit or miss', async () => {
    const cache = createReadCache(createMemoryCache())
    const value = { at: new Date('2026-03-01T10:00:00Z'), big: 12345678901234567890n, items: [{ id: 'a', amount: null, tags: ['x'] }] }
    const compute = async () => value
    // The epoch's first read comes from the database and is serialised by the transformer as usual.
    expect(await cache.answer('y', sales, {}, compute)).toBe(value)
    const miss = await cache.answer('y', sales, {}, compute)
    const hit = await cache.answer('y', sales, {}, compute)
    for (const answer of [miss, hit]) {
      expect(answer).toBeInstanceOf(WireAnswer)
      expect((answer as unknown as WireAnswer).serialized).toStrictEqual(JSON.parse(JSON.stringify(superjson.serialize(value))))
      expect(superjson.deserialize((answer as unknown as WireAnswer).serialized)).toStrictEqual(value)
    }
    expect(cache.stats).toMatchObject({ hits: 1, misses: 1, bypasses: 1 })
  })

  it('keeps credential lookups until the global generation moves, with their types, and never keeps a refusal', async () => {
    const cache = createReadCache(createMemoryCache())
    let role: string | null = 'SALES'
    let reads = 0
    const lookup = () => cache.readGlobal('auth.session', 'hash-1', async () => (reads++, role === null ? null : { role, expiresAt: new Date('2026-12-01T10:00:00Z') }))
    await lookup() // starts the epoch
    expect(await lookup()).toEqual({ role: 'SALES', expiresAt: new Date('2026-12-01T10:00:00Z') })
    role = 'VIEWER'
    expect((await lookup())?.expiresAt).toBeInstanceOf(Date)
    expect((await lookup())?.role).toBe('SALES')
    await cache.invalidate(['team:t1', 'all']) // a team record's write: no credential changed
    expect((await lookup())?.role).toBe('SALES')
    await cache.invalidate(['global'])
    expect((await lookup())?.role).toBe('VIEWER')
    role = null
    await cache.invalidate(['global'])
    expect(await lookup()).toBeNull()
    expect(await lookup()).toBeNull()
    expect(reads).toBe(5)
  })

  it('computes concurrent misses once', async () => {
    const cache = createReadCache(createMemoryCache())
    await cache.read('x', sales, {}, async () => 0)
    let runs = 0
    const compute = async () => (await new Promise((resolve) => setTimeout(resolve, 20)), ++runs)
    const answers = await Promise.all(Array.from({ length: 8 }, () => cache.read('y', sales, { a: 1 }, compute)))
    expect(answers).toEqual(Array(8).fill(1))
    expect(runs).toBe(1)
    expect(cache.stats.shared).toBe(7)
  })

  it('answers from the database while its store fails, then comes back with a new epoch', async () => {
    const memory = createMemoryCache()
    let down = false
    const flaky: Cache = {
      ...memory,
      getStrings: (keys) => (down ? Promise.reject(new Error('down')) : memory.getStrings(keys)),
      setString: (...args) => (down ? Promise.reject(new Error('down')) : memory.setString(...args)),
      incrementAll: (keys) => (down ? Promise.reject(new Error('down')) : memory.incrementAll(keys)),
    }
    const cache = createReadCache(flaky)
    let value = 1
    const compute = async () => value
    await cache.read('x', sales, {}, compute)
    expect(await cache.read('x', sales, {}, compute)).toBe(1) // stored
    down = true
    value = 2
    await cache.invalidate(['team:t1']) // lost
    expect(cache.trusted).toBe(false)
    expect(await cache.read('x', sales, {}, compute)).toBe(2)
    down = false
    await expect.poll(() => cache.trusted, { timeout: 3_000 }).toBe(true)
    // The lost bump cannot bring the old answer back: the epoch changed.
    expect(await cache.read('x', sales, {}, compute)).toBe(2)
    cache.close()
  })
})

describe('what a cached task list depends on', () => {
  it('the clock for the overdue view (not cached), the caller for "mine" (cached per user), neither for the team', () => {
    expect(taskListDependsOn({ view: 'overdue' })).toEqual({ clock: true, caller: false })
    expect(taskListDependsOn({ view: 'mine' })).toEqual({ clock: false, caller: true })
    expect(taskListDependsOn({ view: 'team' })).toEqual({ clock: false, caller: false })
  })
})
