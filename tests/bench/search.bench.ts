import { createPrismaClient, type PrismaClient } from '../../src/server/db/client.ts'
import type { Viewer } from '../../src/server/features/auth/auth.service.ts'
import { planSearch } from '../../src/server/features/search/search.service.ts'
import { normalizeName } from '../../src/shared/normalize.ts'
import { searchQueryInput, type SearchKind } from '../../src/shared/schemas/search.ts'
import { Random } from '../../src/server/db/seed.ts'
import { loginAs, type TestClient } from '../support/client.ts'
import { load, type LatencyStats } from './measure.ts'

// Global search on the 1M-row dataset (docs/search.md): latency of exact, prefix and typo queries
// at concurrency 1 and 8 through the typed client, recall@5 of one-edit misspellings, and the plan
// of the slowest query.

const SAMPLES = Number(process.env.BENCH_SEARCH_SAMPLES ?? 300)

interface Target {
  kind: SearchKind
  id: string
  title: string
}

export interface SearchBench {
  rows: { organisations: number; people: number }
  latency: Record<string, LatencyStats>
  recall: { queries: number; hits: number; recallAt5: number; misses: Array<{ query: string; title: string }> }
  slowest: { query: string; ms: number; kind: string; plan: string }
}

/** One edit (substitution, insertion, deletion or adjacent transposition) in a word of 5+ letters. */
function misspell(random: Random, word: string): string {
  const letters = 'abcdefghijklmnopqrstuvwxyz'
  const at = random.int(0, word.length - 2)
  switch (random.int(0, 3)) {
    case 0: {
      let letter = random.pick([...letters])
      while (letter === word[at]) letter = random.pick([...letters])
      return word.slice(0, at) + letter + word.slice(at + 1)
    }
    case 1:
      return word.slice(0, at) + random.pick([...letters]) + word.slice(at)
    case 2:
      return word.slice(0, at) + word.slice(at + 1)
    default:
      return word[at] === word[at + 1] ? word.slice(0, at) + 'x' + word.slice(at + 1) : word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2)
  }
}

/** A misspelt query for a title: accents stripped, one edit in one long word, people's names swapped. */
function typoQuery(random: Random, target: Target): string | null {
  const words = normalizeName(target.title).split(' ')
  const long = words.map((word, index) => ({ word, index })).filter(({ word }) => /^[a-z]{5,}$/.test(word))
  if (long.length === 0) return null
  const { index } = random.pick(long)
  words[index] = misspell(random, words[index])
  return (target.kind === 'person' ? words.reverse() : words).join(' ')
}

function wordSet(title: string): string {
  return normalizeName(title).split(' ').sort().join(' ')
}

function prefixQuery(title: string): string {
  const words = title.split(' ')
  const last = words.pop()!
  return [...words, last.slice(0, Math.max(3, Math.ceil(last.length / 2)))].join(' ')
}

async function sampleTargets(prisma: PrismaClient, count: number): Promise<Target[]> {
  const organisations = await prisma.$queryRaw<Array<{ id: string; title: string }>>`
    SELECT id, name AS title FROM "Organisation" TABLESAMPLE SYSTEM (1) REPEATABLE (42) ORDER BY id LIMIT ${count}`
  const people = await prisma.$queryRaw<Array<{ id: string; title: string }>>`
    SELECT id, concat_ws(' ', "firstName", "lastName") AS title FROM "Person" TABLESAMPLE SYSTEM (1) REPEATABLE (42) ORDER BY id LIMIT ${count}`
  return [
    ...organisations.map((row) => ({ ...row, kind: 'organisation' as const })),
    ...people.map((row) => ({ ...row, kind: 'person' as const })),
  ]
}

export async function benchSearch(baseUrl: string, databaseUrl: string, log: (line: string) => void): Promise<SearchBench> {
  const prisma = createPrismaClient(databaseUrl, 4)
  const admin = await loginAs(baseUrl, 'admin@demo.test')
  try {
    const [organisations, people] = await Promise.all([prisma.organisation.count(), prisma.person.count()])
    log(`search over ${organisations} organisations + ${people} people`)
    const random = new Random(9)
    const targets = await sampleTargets(prisma, SAMPLES / 2)
    const typos = targets.flatMap((target) => {
      const query = typoQuery(random, target)
      return query ? [{ target, query }] : []
    })
    const sets: Record<'exact' | 'prefix' | 'typo', string[]> = {
      exact: targets.map((target) => target.title),
      prefix: targets.map((target) => prefixQuery(target.title)),
      typo: typos.map((typo) => typo.query),
    }

    let slowest = { query: '', ms: 0 }
    const timed = (client: TestClient, queries: string[]) => async (index: number) => {
      const q = queries[index % queries.length]
      const started = performance.now()
      await client.trpc.search.query.query({ q, limit: 5 })
      const ms = performance.now() - started
      if (ms > slowest.ms) slowest = { query: q, ms }
    }
    const latency: Record<string, LatencyStats> = {}
    for (const concurrency of [1, 8]) {
      for (const [name, queries] of Object.entries(sets)) {
        log(`search ${name} ×${concurrency}…`)
        latency[`search.query ${name} (ADMIN, all teams), concurrency ${concurrency}`] = await load(timed(admin, queries), {
          total: queries.length * (concurrency === 1 ? 1 : 2),
          concurrency,
          warmup: concurrency === 1 ? 20 : 0,
          maxDurationMs: 60_000,
        })
      }
    }

    log('recall@5 of misspelt queries…')
    const misses: Array<{ query: string; title: string }> = []
    let hits = 0
    for (const { target, query } of typos) {
      const result = await admin.trpc.search.query.query({ q: query, limit: 5, kinds: [target.kind] })
      const items = result.groups[0]?.items ?? []
      // Homonyms are indistinguishable to the user: any record with the same title is a hit, and
      // word order does not count ("Arnaud Nicolas" and "Nicolas Arnaud" answer "arnud nicolas" alike).
      const words = wordSet(target.title)
      if (items.some((item) => item.id === target.id || wordSet(item.title) === words)) hits++
      else misses.push({ query, title: target.title })
    }

    log(`EXPLAIN of the slowest query (${slowest.query})…`)
    const viewer: Viewer = { id: '00000000-0000-0000-0000-000000000000', email: 'bench', name: 'bench', role: 'ADMIN', teamId: null, teamName: null, theme: 'system', language: 'fr', avatarColor: null }
    const plan = await planSearch({ prisma, viewer }, searchQueryInput.parse({ q: slowest.query, limit: 5 }))
    let worst = { kind: '', ms: -1, plan: '' }
    for (const statement of plan?.statements ?? []) {
      const rows = await prisma.$queryRaw<Array<{ 'QUERY PLAN': string }>>`EXPLAIN (ANALYZE, BUFFERS) ${statement.sql}`
      const text = rows.map((row) => row['QUERY PLAN']).join('\n')
      const ms = Number(/Execution Time: ([\d.]+)/.exec(text)?.[1] ?? 0)
      if (ms > worst.ms) worst = { kind: statement.kind, ms, plan: text }
    }
    return {
      rows: { organisations, people },
      latency,
      recall: { queries: typos.length, hits, recallAt5: Math.round((hits / typos.length) * 1000) / 1000, misses: misses.slice(0, 20) },
      slowest: { query: slowest.query, ms: Math.round(slowest.ms * 10) / 10, kind: worst.kind, plan: worst.plan },
    }
  } finally {
    admin.closeWebSocket()
    await prisma.$disconnect()
  }
}
