import type { z } from 'zod'
import { SEARCH_KINDS, type SearchKind, type searchQueryInput, type searchRecentInput, type searchVisitInput } from '../../../shared/schemas/search.ts'
import { Prisma } from '../../db/client.ts'
import { notFound } from '../../errors.ts'
import { queryPrepared, sqlOf, type SqlClient } from '../../db/sql.ts'
import { teamScopeSql, type ServiceContext } from '../scope.ts'
import { highlightRanges, indexQuery, isCorrection, queryWords, textQueries, type IndexQuery, type LexemeFrequencies, type QueryWord, type TextQueries } from './search-terms.ts'

// Global search (docs/search.md): each kind's table carries a weighted tsvector kept by triggers;
// a query's words are matched exactly or as a prefix first, then through corrections found among
// the known words (typo tier), ranked by tier, field (name, identifier, text), closeness of the
// title to the query, then ts_rank. Team scoping comes from the one scoping layer.

/** At most this many candidates per tier and kind are ranked: vague queries stay fast. */
const CANDIDATES_PER_TIER = 500
/** Lookups estimated to cost more (µs, see indexQuery) are planned for their words. */
const GENERIC_PLAN_MAX_COST = 300_000
/** Recent items kept per user. */
const RECENT_KEPT = 50

export interface SearchItemDetails {
  city?: string | null
  stage?: string | null
  type?: string | null
  jobTitle?: string | null
  organisationId?: string | null
  organisationName?: string | null
  personId?: string | null
  status?: string | null
  reference?: string | null
  isin?: string | null
  productKind?: string | null
  interactionKind?: string | null
  occurredAt?: Date | null
}

export interface SearchItem {
  id: string
  kind: SearchKind
  title: string
  /** Plain text, locale-neutral (enums as codes); the UI renders `details` in the user's language. */
  subtitle: string
  /** [start, end) character ranges of `title` that the query matched. */
  highlights: Array<[number, number]>
  /** "exact" for exact and prefix matches, "typo" when a corrected word was needed. */
  match: 'exact' | 'typo'
  details: SearchItemDetails
}

export interface SearchGroup {
  kind: SearchKind
  items: SearchItem[]
  /** More results of this kind after these (page with `offset`). */
  hasMore: boolean
}

export interface SearchResult {
  /** Non-empty groups, in the order of SEARCH_KINDS. The corrections themselves are not returned:
   * known words come from every team, and must not hint at records the caller cannot read. */
  groups: SearchGroup[]
}

/** Every kind's `details` columns with their types: the kinds' rows share one result (UNION ALL). */
const DETAIL_TYPES = {
  city: 'text', stage: 'text', type: 'text', jobTitle: 'text', organisationId: 'uuid', organisationName: 'text', personId: 'uuid',
  status: 'text', reference: 'text', isin: 'text', productKind: 'text', interactionKind: 'text', occurredAt: 'timestamp(3)',
} satisfies Record<keyof SearchItemDetails, string>
type DetailColumn = keyof typeof DETAIL_TYPES

interface KindSql {
  table: string
  title: Prisma.Sql
  /** Columns of `details`, over the row `r` and the joins. */
  details: Partial<Record<DetailColumn, Prisma.Sql>>
  joins: (scope: (column: Prisma.Sql) => Prisma.Sql) => Prisma.Sql
}

const KIND_SQL: Record<SearchKind, KindSql> = {
  organisation: {
    table: 'Organisation',
    title: Prisma.sql`r.name`,
    details: { city: Prisma.sql`r.city`, stage: Prisma.sql`r.stage::text`, type: Prisma.sql`r.type::text` },
    joins: () => Prisma.empty,
  },
  person: {
    table: 'Person',
    title: Prisma.sql`concat_ws(' ', r."firstName", r."lastName")`,
    details: { jobTitle: Prisma.sql`coalesce(l."jobTitle", r."jobTitle")`, organisationId: Prisma.sql`o.id`, organisationName: Prisma.sql`o.name` },
    joins: (scope) => Prisma.sql`
      LEFT JOIN LATERAL (
        SELECT k."jobTitle", k."organisationId" FROM "PersonOrganisationLink" k
        WHERE k."personId" = r.id ORDER BY k."isPrimary" DESC, k."createdAt" LIMIT 1
      ) l ON TRUE
      LEFT JOIN "Organisation" o ON o.id = l."organisationId" AND ${scope(Prisma.sql`o."teamId"`)}`,
  },
  mandate: {
    table: 'Mandate',
    title: Prisma.sql`coalesce(r.reference, (SELECT s.name FROM "Organisation" s WHERE s.id = r."organisationId"))`,
    details: { organisationId: Prisma.sql`o.id`, organisationName: Prisma.sql`o.name`, status: Prisma.sql`r.status::text`, reference: Prisma.sql`r.reference` },
    joins: (scope) => Prisma.sql`LEFT JOIN "Organisation" o ON o.id = r."organisationId" AND ${scope(Prisma.sql`o."teamId"`)}`,
  },
  product: {
    table: 'Product',
    title: Prisma.sql`r.name`,
    details: { isin: Prisma.sql`r.isin`, productKind: Prisma.sql`r.kind::text` },
    joins: () => Prisma.empty,
  },
  interaction: {
    table: 'Interaction',
    title: Prisma.sql`r.summary`,
    details: {
      occurredAt: Prisma.sql`r."occurredAt"`, interactionKind: Prisma.sql`r.kind::text`, organisationId: Prisma.sql`o.id`,
      organisationName: Prisma.sql`o.name`, personId: Prisma.sql`p."personId"`,
    },
    joins: (scope) => Prisma.sql`
      LEFT JOIN "Organisation" o ON o.id = r."organisationId" AND ${scope(Prisma.sql`o."teamId"`)}
      LEFT JOIN LATERAL (SELECT ip."personId" FROM "InteractionPerson" ip WHERE ip."interactionId" = r.id LIMIT 1) p ON TRUE`,
  },
}

const tableOf = (kind: SearchKind) => Prisma.raw(`"${KIND_SQL[kind].table}"`)

/** The kind's own `details` columns, or (`padded`) every kind's, NULL where not its own. */
function detailsOf(kind: SearchKind, padded: boolean): Prisma.Sql {
  const own = KIND_SQL[kind].details
  const columns = (Object.keys(DETAIL_TYPES) as DetailColumn[]).flatMap((column) => {
    const value = own[column] ?? (padded ? Prisma.raw(`NULL::${DETAIL_TYPES[column]}`) : undefined)
    return value ? [Prisma.sql`${value} AS ${Prisma.raw(`"${column}"`)}`] : []
  })
  return Prisma.join(columns)
}

type Row = SearchItemDetails & { id: string; title: string; tier: number; kind?: SearchKind }

/** The search's statements are written by hand: on bare connections when the server has them (see db/sql.ts). */
const readerOf = (ctx: ServiceContext): SqlClient => ctx.sql ?? sqlOf(ctx.prisma)

const EMPTY: SearchResult = { groups: [] }

export async function search(ctx: ServiceContext, input: z.output<typeof searchQueryInput>): Promise<SearchResult> {
  const plan = await planSearch(ctx, input)
  if (!plan) return EMPTY
  // The kinds in one statement: one round trip, one result, each kind's rows in its order. Its text
  // depends only on the kinds asked for and the scope (the words are values), so each connection
  // prepares it once and reuses a generic plan: planning the UNION ALL cost PostgreSQL more CPU than
  // running it. Vague queries are planned for their words (planSearch).
  const statement = Prisma.join(plan.statements.map(({ sql }) => Prisma.sql`(${sql})`), ' UNION ALL ')
  const db = readerOf(ctx)
  const rows: Row[] = (await (plan.generic ? queryPrepared(db, statement.text, statement.values) : db.query(statement.text, statement.values))).rows
  const groups: SearchGroup[] = []
  for (const { kind } of plan.statements) {
    const found = rows.filter((row) => row.kind === kind)
    const items = found.slice(0, input.limit).map((row) => toItem(kind, row, highlightRanges(row.title, plan.words, plan.stems, plan.corrections)))
    if (items.length > 0) groups.push({ kind, items, hasMore: found.length > input.limit })
  }
  return { groups }
}

export interface SearchPlan {
  words: QueryWord[]
  stems: Map<string, string[]>
  corrections: Map<string, string[]>
  /** One statement per kind asked for, run as one (the benchmark EXPLAINs them one by one). */
  statements: Array<{ kind: SearchKind; sql: Prisma.Sql }>
  /** Whether the statement is prepared and reused on a generic plan (or planned for its words). */
  generic: boolean
}

/** The query's words, their stems and corrections, and the SQL of each kind; null for no word. */
export async function planSearch(ctx: ServiceContext, input: z.output<typeof searchQueryInput>): Promise<SearchPlan | null> {
  const words = queryWords(input.q)
  if (words.length === 0) return null
  const db = readerOf(ctx)
  const [stems, corrections, frequencies] = await Promise.all([frenchStems(db, words), findCorrections(db, words), lexemeFrequencies(ctx, db)])
  const queries = textQueries(words, stems, corrections)
  const normalized = words.map((word) => word.text).join(' ')
  const kinds = SEARCH_KINDS.filter((kind) => !input.kinds || input.kinds.includes(kind))
  const lookups = kinds.map((kind) => {
    const frequenciesOfKind = frequencies.get(kind) ?? NO_FREQUENCIES
    return { exact: indexQuery(queries.exactTerms, frequenciesOfKind), full: indexQuery(queries.fullTerms, frequenciesOfKind) }
  })
  // A lookup of long posting lists (a short prefix, a very common word) is left to a plan made for
  // its words: PostgreSQL may then read the table in order and stop at the 500th match.
  const generic = lookups.every(({ exact, full }) => Math.max(exact.cost, full.cost) <= GENERIC_PLAN_MAX_COST)
  const statements = kinds.map((kind, index) => ({ kind, sql: rankedSql(ctx, kind, queries, lookups[index], generic, normalized, input.limit, input.offset) }))
  return { words, stems, corrections, statements, generic }
}

/** The statistics are re-read this often: they change as slowly as ANALYZE runs. */
const FREQUENCIES_TTL_MS = 10 * 60_000
/** Before the first ANALYZE: every lexeme alike. */
const NO_FREQUENCIES: LexemeFrequencies = { rows: 1000, common: new Map(), rare: 0.001 }
const frequenciesCache = new WeakMap<object, { at: number; frequencies: Promise<Map<SearchKind, LexemeFrequencies>> }>()

/** How common each table's most common lexemes are (pg_stats of "searchDocument"), per database connection pool. */
function lexemeFrequencies(ctx: ServiceContext, db: SqlClient): Promise<Map<SearchKind, LexemeFrequencies>> {
  const key = ctx.sql ?? ctx.prisma
  const cached = frequenciesCache.get(key)
  if (cached && Date.now() - cached.at < FREQUENCIES_TTL_MS) return cached.frequencies
  const frequencies = readLexemeFrequencies(db)
  frequenciesCache.set(key, { at: Date.now(), frequencies })
  frequencies.catch(() => frequenciesCache.delete(key))
  return frequencies
}

async function readLexemeFrequencies(db: SqlClient): Promise<Map<SearchKind, LexemeFrequencies>> {
  const tables = Object.fromEntries(SEARCH_KINDS.map((kind) => [KIND_SQL[kind].table, kind]))
  const { rows } = await db.query(
    `SELECT c.relname AS "table", c.reltuples::float8 AS rows, s.most_common_elems::text::text[] AS lexemes, s.most_common_elem_freqs::float8[] AS shares
     FROM pg_class c
     LEFT JOIN pg_stats s ON s.schemaname = current_schema() AND s.tablename = c.relname AND s.attname = 'searchDocument'
     WHERE c.relnamespace = current_schema()::regnamespace AND c.relname = ANY($1::text[])`,
    [Object.keys(tables)],
  )
  const found = new Map<SearchKind, LexemeFrequencies>()
  for (const row of rows as Array<{ table: string; rows: number; lexemes: string[] | null; shares: number[] | null }>) {
    if (!row.lexemes || !row.shares || row.rows <= 0) continue
    // The shares of the lexemes, then the least and greatest of them and the share of empty documents.
    // A word not listed is taken to be ten times rarer than the least common listed (most are far rarer).
    const common = new Map(row.lexemes.map((lexeme, index) => [lexeme, row.shares![index]]))
    found.set(tables[row.table], { rows: row.rows, common, rare: row.shares[row.lexemes.length] / 10 })
  }
  return found
}

/** Stems never change (the dictionary is the server's): each word's is asked once, up to this many words. */
const STEMS_KEPT = 20_000
const stemsCache = new Map<string, string[]>()

/** French stems of the words (free text is indexed stemmed); none for stop words. */
async function frenchStems(db: SqlClient, words: readonly QueryWord[]): Promise<Map<string, string[]>> {
  const missing = words.map((word) => word.text).filter((word) => !stemsCache.has(word))
  if (missing.length > 0) {
    const { rows } = await db.query(`SELECT w.word, ts_lexize('french_stem', w.word) AS stems FROM unnest($1::text[]) AS w(word)`, [missing])
    if (stemsCache.size + missing.length > STEMS_KEPT) stemsCache.clear()
    // Stems are made of the word's own letters; anything else is dropped rather than sent to to_tsquery.
    for (const row of rows as Array<{ word: string; stems: string[] | null }>) stemsCache.set(row.word, (row.stems ?? []).filter((stem) => /^[a-z0-9]+$/.test(stem)))
  }
  return new Map(words.map((word) => [word.text, stemsCache.get(word.text) ?? []]))
}

/** Known words within the allowed edits of each long enough word (docs/search.md, typo tolerance). */
async function findCorrections(db: SqlClient, words: readonly QueryWord[]): Promise<Map<string, string[]>> {
  const fuzzy = words.filter((word) => word.maxEdits > 0)
  const corrections = new Map<string, string[]>()
  if (fuzzy.length === 0) return corrections
  const rows: Array<{ query: string; word: string }> = (await db.query(`SELECT query, word FROM search_corrections($1::text[])`, [fuzzy.map((word) => word.text)])).rows
  for (const word of fuzzy) {
    const found = rows
      .filter((row) => row.query === word.text && isCorrection(word, row.word))
      .map((row) => row.word)
    corrections.set(word.text, [...new Set(found)].sort())
  }
  return corrections
}

/** The index lookups of one kind: of exact and prefix matches, and of every match (the same without corrections). */
interface Lookups {
  exact: IndexQuery
  full: IndexQuery
}

function rankedSql(ctx: ServiceContext, kind: SearchKind, queries: TextQueries, lookups: Lookups, generic: boolean, normalized: string, limit: number, offset: number): Prisma.Sql {
  const { title, joins } = KIND_SQL[kind]
  const table = tableOf(kind)
  const scope = (column: Prisma.Sql) => teamScopeSql(ctx.viewer, column)
  const document = Prisma.sql`r."searchDocument"`
  // In a generic plan, each tsquery is parsed once per statement (an InitPlan) rather than once per
  // row; otherwise the planner sees the words, and how many rows they match.
  const tsquery = (text: string) => (generic ? Prisma.sql`(SELECT to_tsquery('simple', ${text}))` : Prisma.sql`to_tsquery('simple', ${text})`)
  // The index looks up the words worth it; ts_match_vq (the @@ operator as a function, which no
  // index serves) rechecks the rows against the whole query (always written, so that the text of
  // the statement does not depend on the words).
  const matches = (indexed: IndexQuery, whole: string) =>
    Prisma.sql`${document} @@ ${tsquery(indexed.text)} AND ts_match_vq(${document}, ${tsquery(whole)})`
  const needed = offset + limit + 1
  const inScope = scope(Prisma.sql`r."teamId"`)
  // Ranked as they are read, on the rows the lookups return.
  const ranking = Prisma.sql`${title} AS title,
        CASE WHEN ${document} @@ ${tsquery(queries.names)} THEN 0 WHEN ${document} @@ ${tsquery(queries.ids)} THEN 1 ELSE 2 END AS field,
        similarity(search_normalize(${title}), ${normalized}) AS closeness,
        ts_rank('{0.1, 0.2, 0.4, 1.0}', ${document}, ${tsquery(queries.full)}) AS rank`
  const exactOnly = (when: Prisma.Sql) => Prisma.sql`
      SELECT r.id, 0 AS tier, ${ranking} FROM ${table} r
      WHERE ${when} AND ${matches(lookups.exact, queries.exact)} AND ${inScope}
      LIMIT ${CANDIDATES_PER_TIER}`
  // One lookup of every match (typo ones too, with corrections) tells each row's tier, unless it
  // fills up with corrections: then the exact and prefix matches are looked up on their own, so that
  // typo matches never crowd them out. Typo matches are kept only when exact and prefix ones do not
  // fill the page. Without corrections every match is exact: one statement text serves both cases.
  const fills = Prisma.sql`${queries.hasTypos} AND (SELECT count(*) FROM found) >= ${CANDIDATES_PER_TIER}`
  const candidates = Prisma.sql`
    WITH found AS MATERIALIZED (
      SELECT r.id, CASE WHEN ts_match_vq(${document}, ${tsquery(queries.exact)}) THEN 0 ELSE 1 END AS tier, ${ranking} FROM ${table} r
      WHERE ${matches(lookups.full, queries.full)} AND ${inScope}
      LIMIT ${CANDIDATES_PER_TIER}
    ), exact AS MATERIALIZED (
      SELECT * FROM found WHERE tier = 0 AND NOT (${fills})
      UNION ALL (${exactOnly(fills)})
    ), candidates AS (
      SELECT * FROM exact
      UNION ALL
      SELECT * FROM found WHERE tier = 1 AND (SELECT count(*) FROM exact) < ${needed}`
  return Prisma.sql`${candidates}
    ), ranked AS (
      SELECT * FROM candidates
      ORDER BY tier, field, closeness DESC, rank DESC, title, id
      LIMIT ${limit + 1} OFFSET ${offset}
    )
    SELECT ${kind}::text AS kind, ranked.id, ranked.tier, ranked.title, ${detailsOf(kind, true)}
    FROM ranked JOIN ${table} r ON r.id = ranked.id ${joins(scope)}
    ORDER BY ranked.tier, ranked.field, ranked.closeness DESC, ranked.rank DESC, ranked.title, ranked.id`
}

function subtitleOf(kind: SearchKind, details: SearchItemDetails): string {
  const parts: Array<string | null | undefined> =
    kind === 'organisation' ? [details.city, details.stage]
    : kind === 'person' ? [details.jobTitle, details.organisationName]
    : kind === 'mandate' ? [details.organisationName, details.status]
    : kind === 'product' ? [details.isin, details.productKind]
    : [details.occurredAt?.toISOString().slice(0, 10), details.organisationName]
  return parts.filter(Boolean).join(' · ')
}

function toItem(kind: SearchKind, row: Row, highlights: Array<[number, number]>): SearchItem {
  const details: SearchItemDetails = {}
  for (const column of Object.keys(KIND_SQL[kind].details) as DetailColumn[]) (details as Record<DetailColumn, unknown>)[column] = row[column]
  return { id: row.id, kind, title: row.title ?? '', subtitle: subtitleOf(kind, details), highlights, match: row.tier === 0 ? 'exact' : 'typo', details }
}

// ── recent items ──────────────────────────────────────────────────────────────────────────────

function rowsByIdsSql(ctx: ServiceContext, kind: SearchKind, ids: string[]): Prisma.Sql {
  const { title, joins } = KIND_SQL[kind]
  const table = tableOf(kind)
  const scope = (column: Prisma.Sql) => teamScopeSql(ctx.viewer, column)
  return Prisma.sql`
    SELECT r.id, 0 AS tier, ${title} AS title, ${detailsOf(kind, false)}
    FROM ${table} r ${joins(scope)}
    WHERE r.id = ANY(${ids}::uuid[]) AND ${scope(Prisma.sql`r."teamId"`)}`
}

/** The records this user opened lately, newest first; those gone or out of scope are left out. */
export async function recentItems(ctx: ServiceContext, input: z.output<typeof searchRecentInput>): Promise<SearchItem[]> {
  const visits = await ctx.prisma.searchRecentItem.findMany({
    where: { userId: ctx.viewer.id },
    orderBy: { visitedAt: 'desc' },
    take: input.limit * 2,
  })
  const found = new Map<string, SearchItem>()
  await Promise.all(
    SEARCH_KINDS.map(async (kind) => {
      const ids = visits.filter((visit) => visit.kind === kind).map((visit) => visit.recordId)
      if (ids.length === 0) return
      const query = rowsByIdsSql(ctx, kind, ids)
      const rows: Row[] = (await readerOf(ctx).query(query.text, query.values)).rows
      for (const row of rows) found.set(`${kind}:${row.id}`, toItem(kind, row, []))
    }),
  )
  return visits
    .map((visit) => found.get(`${visit.kind}:${visit.recordId}`))
    .filter((item): item is SearchItem => item !== undefined)
    .slice(0, input.limit)
}

/** Remembers that the user opened a record they may read (NOT_FOUND otherwise, like byId). */
export async function rememberVisit(ctx: ServiceContext, input: z.output<typeof searchVisitInput>): Promise<void> {
  const [row] = await ctx.prisma.$queryRaw<Row[]>(rowsByIdsSql(ctx, input.kind, [input.id]))
  if (!row) throw notFound(input.kind)
  const key = { userId: ctx.viewer.id, kind: input.kind, recordId: input.id }
  await ctx.prisma.searchRecentItem.upsert({
    where: { userId_kind_recordId: key },
    create: key,
    update: { visitedAt: new Date() },
  })
  const stale = await ctx.prisma.searchRecentItem.findMany({
    where: { userId: ctx.viewer.id },
    orderBy: { visitedAt: 'desc' },
    skip: RECENT_KEPT,
    select: { kind: true, recordId: true },
  })
  if (stale.length > 0) {
    await ctx.prisma.searchRecentItem.deleteMany({
      where: { userId: ctx.viewer.id, OR: stale.map((item) => ({ kind: item.kind, recordId: item.recordId })) },
    })
  }
}
