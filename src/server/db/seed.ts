import { setImmediate } from 'node:timers/promises'
import {
  ASSET_CLASSES,
  BRANDS,
  DEMO_TEAMS,
  DEMO_USERS,
  FIRST_NAMES,
  FOREIGN_CITIES,
  INTERACTION_BODIES,
  INTERACTION_SUMMARIES,
  JOB_TITLES,
  LAST_NAMES,
  LINK_ROLES,
  LYON_CITIES,
  MANDATE_NOTES,
  ORGANISATION_EMAIL_LOCALS,
  ORGANISATION_NOTES,
  ORGANISATION_TEMPLATES,
  PARIS_CITIES,
  PERSONAL_EMAIL_DOMAINS,
  PRODUCT_NAMES,
  PROFESSIONS,
  REGIONS,
  STREETS,
  TAGS,
  TASK_DESCRIPTIONS,
  TASK_TITLES,
  type City,
  type OrganisationTemplate,
} from '../../../prisma/seed-data.ts'
import { isinCheckDigit } from '../../shared/isin.ts'
import { normalizeName } from '../../shared/normalize.ts'
import { hashPassword } from '../features/auth/password.ts'
import type { Logger } from '../logger.ts'
import type { Prisma, PrismaClient } from './client.ts'
import type {
  InteractionKind,
  MandateStatus,
  MandateType,
  OrganisationType,
  PipelineStage,
  ProductKind,
  ProductStatus,
  TaskPriority,
  TaskStatus,
  UserRole,
} from './generated/enums.ts'

type Db = PrismaClient | Prisma.TransactionClient

const DEMO_SEED = 20_261_124
const BULK_SEED = 4_242
const DEMO_ORGANISATIONS = 300
const DEMO_INTERACTIONS = 600
const DEMO_TASKS = 150
const PRODUCTS_PER_TEAM = 20
const BULK_BATCH_SIZE = 5_000
/** Matches the DEMO_PASSWORD default of src/server/config.ts. */
const DEFAULT_DEMO_PASSWORD = 'demo1234'
const HOUR = 3_600_000
const DAY = 24 * HOUR

const ORGANISATION_TYPES: readonly OrganisationType[] = ['INVESTOR', 'SUPPLIER', 'DISTRIBUTOR', 'PARTNER', 'OTHER']
const PIPELINE_STAGES: readonly PipelineStage[] = ['PROSPECT', 'QUALIFIED', 'PROPOSAL', 'NEGOTIATION', 'WON', 'LOST']

const TYPE_WEIGHTS: readonly (readonly [OrganisationType, number])[] = [
  ['INVESTOR', 45], ['SUPPLIER', 20], ['DISTRIBUTOR', 20], ['PARTNER', 10], ['OTHER', 5],
]
const STAGE_WEIGHTS: readonly (readonly [PipelineStage, number])[] = [
  ['PROSPECT', 30], ['QUALIFIED', 20], ['PROPOSAL', 15], ['NEGOTIATION', 10], ['WON', 15], ['LOST', 10],
]
// Suppliers are mostly firms the company already distributes, hence mostly WON.
const SUPPLIER_STAGE_WEIGHTS: readonly (readonly [PipelineStage, number])[] = [
  ['PROSPECT', 10], ['QUALIFIED', 10], ['PROPOSAL', 10], ['NEGOTIATION', 15], ['WON', 40], ['LOST', 15],
]
const AMOUNT_RANGES: Record<OrganisationType, readonly [number, number]> = {
  INVESTOR: [1_000_000, 500_000_000],
  DISTRIBUTOR: [500_000, 100_000_000],
  SUPPLIER: [100_000, 50_000_000],
  PARTNER: [50_000, 5_000_000],
  OTHER: [50_000, 1_000_000],
}
const DOMAIN_STOPWORDS = new Set(['de', 'des', 'du', 'la', 'le', 'les', 'd', 'l', 'et', 'pour', 'au', 'aux', 'en'])
/** Long institutional names get acronym domains ("crar-rhone.fr"), as such bodies usually do. */
const INSTITUTION_WORDS = new Set([
  'caisse', 'mutuelle', 'institution', 'association', 'regime', 'congregation', 'oeuvres', 'cooperative',
  'compagnie', 'club', 'fondation', 'fonds', 'prevoyance',
])

// ---------------------------------------------------------------------------------------------
// Deterministic randomness

/** mulberry32: tiny, fast, good enough for fake data, and reproducible from a 32-bit seed. */
export class Random {
  private state: number

  constructor(seed: number) {
    this.state = seed >>> 0
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0
    let t = this.state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }

  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }

  chance(probability: number): boolean {
    return this.next() < probability
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]
  }

  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    const total = entries.reduce((sum, [, weight]) => sum + weight, 0)
    let roll = this.next() * total
    for (const [value, weight] of entries) {
      roll -= weight
      if (roll < 0) return value
    }
    return entries[entries.length - 1][0]
  }

  /** Up to `count` distinct items, in random order. */
  sample<T>(items: readonly T[], count: number): T[] {
    const copy = [...items]
    const size = Math.min(count, copy.length)
    for (let index = 0; index < size; index++) {
      const other = index + Math.floor(this.next() * (copy.length - index))
      ;[copy[index], copy[other]] = [copy[other], copy[index]]
    }
    return copy.slice(0, size)
  }

  digits(count: number): string {
    let out = ''
    for (let index = 0; index < count; index++) out += String(Math.floor(this.next() * 10))
    return out
  }
}

// ---------------------------------------------------------------------------------------------
// Identifiers: UUIDv7 like the schema's uuid(7) default, generated here so rows can reference
// each other before insertion. Random bits come from crypto; only the content is reproducible.

const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'))
// Random bytes are drawn in bulk: one getRandomValues call per id dominated the bulk seed's CPU time.
const randomPool = new Uint8Array(16 * 4096)
let randomOffset = randomPool.length

export function uuidv7(timestamp = Date.now()): string {
  if (randomOffset === randomPool.length) {
    crypto.getRandomValues(randomPool)
    randomOffset = 0
  }
  const r = randomOffset
  randomOffset += 16
  const time = timestamp.toString(16).padStart(12, '0')
  const version = HEX[0x70 | (randomPool[r + 6] & 0x0f)] + HEX[randomPool[r + 7]]
  const variant = HEX[0x80 | (randomPool[r + 8] & 0x3f)] + HEX[randomPool[r + 9]]
  let tail = ''
  for (let index = 10; index < 16; index++) tail += HEX[randomPool[r + index]]
  return `${time.slice(0, 8)}-${time.slice(8)}-${version}-${variant}-${tail}`
}

// ---------------------------------------------------------------------------------------------
// Row shapes (structurally compatible with Prisma's CreateManyInput types)

interface SeedUser {
  id: string
  name: string
  role: UserRole
  teamId: string | null
}

interface SeedTeam {
  id: string
  name: string
  /** Users who can own records and author interactions (everyone but viewers). */
  workers: SeedUser[]
  sellers: SeedUser[]
  managers: SeedUser[]
  cities: readonly City[]
  foreignCities: readonly City[]
}

interface UserRow {
  id: string
  email: string
  name: string
  passwordHash: string
  role: UserRole
  teamId: string
  language: string
}

interface OrganisationRow {
  id: string
  name: string
  normalizedName: string
  type: OrganisationType
  category: string
  stage: PipelineStage
  potentialAmount: number | null
  email: string | null
  phone: string | null
  website: string | null
  address: string
  city: string
  postalCode: string
  country: string
  language: string
  notes: string | null
  isActive: boolean
  tags: string[]
  ownerId: string | null
  teamId: string
  createdAt: Date
  updatedAt: Date
}

/** An organisation row plus what later generators need to stay consistent with it. */
interface SeedOrganisation {
  row: OrganisationRow
  team: SeedTeam
  template: OrganisationTemplate
  brand: string
  domain: string
  people: { id: string; fullName: string }[]
}

interface PersonRow {
  id: string
  firstName: string
  lastName: string
  email: string | null
  phone: string | null
  jobTitle: string
  linkedinUrl: string | null
  notes: string | null
  ownerId: string | null
  teamId: string
  createdAt: Date
  updatedAt: Date
}

interface LinkRow {
  id: string
  personId: string
  organisationId: string
  role: string
  jobTitle: string
  workEmail: string | null
  workPhone: string | null
  isPrimary: boolean
  createdAt: Date
  updatedAt: Date
}

interface MandateRow {
  id: string
  organisationId: string
  teamId: string
  ownerId: string | null
  reference: string
  type: MandateType
  status: MandateStatus
  startDate: Date | null
  endDate: Date | null
  signedAt: Date | null
  notes: string | null
  createdAt: Date
  updatedAt: Date
}

interface ProductRow {
  id: string
  name: string
  isin: string
  kind: ProductKind
  status: ProductStatus
  currency: string
  teamId: string
  createdAt: Date
  updatedAt: Date
}

interface InteractionRow {
  id: string
  kind: InteractionKind
  occurredAt: Date
  summary: string
  body: string | null
  organisationId: string
  authorId: string | null
  teamId: string
  createdAt: Date
  updatedAt: Date
}

interface TaskRow {
  id: string
  title: string
  description: string | null
  dueAt: Date | null
  priority: TaskPriority
  status: TaskStatus
  assigneeId: string | null
  createdById: string | null
  organisationId: string
  personId: string | null
  teamId: string
  completedAt: Date | null
  createdAt: Date
  updatedAt: Date
}

interface DemoDataset {
  users: UserRow[]
  organisations: OrganisationRow[]
  people: PersonRow[]
  links: LinkRow[]
  mandates: MandateRow[]
  products: ProductRow[]
  mandateProducts: { mandateId: string; productId: string }[]
  interactions: InteractionRow[]
  interactionPeople: { interactionId: string; personId: string }[]
  tasks: TaskRow[]
}

// ---------------------------------------------------------------------------------------------
// Small helpers

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? '')
}

function slug(value: string, separator = ''): string {
  return normalizeName(value).replaceAll(' ', separator)
}

function between(random: Random, from: Date, to: Date): Date {
  return new Date(from.getTime() + random.next() * Math.max(0, to.getTime() - from.getTime()))
}

function daysFrom(date: Date, days: number): Date {
  return new Date(date.getTime() + days * DAY)
}

function dateOnly(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()))
}

/** Moves a timestamp into office hours (roughly 8:00–19:00 in Paris). */
function duringOfficeHours(random: Random, date: Date): Date {
  const result = new Date(date)
  result.setUTCHours(random.int(7, 17), random.pick([0, 15, 30, 45]), 0, 0)
  return result
}

function hoursFrom(date: Date, hours: number, round: 'floor' | 'ceil'): Date {
  return new Date(Math[round]((date.getTime() + hours * HOUR) / HOUR) * HOUR)
}

function minDate(a: Date, b: Date): Date {
  return a < b ? a : b
}

function phoneNumber(random: Random, prefix: string): string {
  return `${prefix} ${random.digits(2)} ${random.digits(2)} ${random.digits(2)} ${random.digits(2)}`
}

/** Log-uniform amount rounded to two significant digits, in whole euros. */
function potentialAmount(random: Random, [min, max]: readonly [number, number]): number {
  const value = Math.exp(Math.log(min) + random.next() * (Math.log(max) - Math.log(min)))
  const magnitude = 10 ** (Math.floor(Math.log10(value)) - 1)
  return Math.round(value / magnitude) * magnitude
}

function domainFor(name: string, country: string): string {
  const words = normalizeName(name).split(' ').filter((word) => word && !DOMAIN_STOPWORDS.has(word))
  const joined = words.join('-')
  const base =
    joined.length <= 24
      ? joined
      : INSTITUTION_WORDS.has(words[0])
        ? `${words.slice(0, -1).map((word) => word[0]).join('')}-${words.at(-1)}`
        : words.slice(0, 2).join('-')
  return `${base}.${country.toLowerCase()}`
}

function pgArrayLiteral(values: readonly string[]): string {
  return `{${values.map((value) => `"${value.replace(/[\\"]/g, '\\$&')}"`).join(',')}}`
}

// ---------------------------------------------------------------------------------------------
// Teams and users

function citiesFor(teamName: string): { cities: readonly City[]; foreignCities: readonly City[] } {
  return teamName === 'Lyon'
    ? { cities: LYON_CITIES, foreignCities: FOREIGN_CITIES.Lyon }
    : { cities: PARIS_CITIES, foreignCities: FOREIGN_CITIES.Paris }
}

function toSeedTeam(team: { id: string; name: string }, users: readonly SeedUser[]): SeedTeam {
  const members = users.filter((user) => user.teamId === team.id)
  return {
    id: team.id,
    name: team.name,
    workers: members.filter((user) => user.role !== 'VIEWER'),
    sellers: members.filter((user) => user.role === 'SALES'),
    managers: members.filter((user) => user.role === 'MANAGER' || user.role === 'ADMIN'),
    ...citiesFor(team.name),
  }
}

async function upsertDemoTeams(db: Prisma.TransactionClient): Promise<{ id: string; name: string }[]> {
  const teams = []
  for (const name of DEMO_TEAMS) {
    teams.push(await db.team.upsert({ where: { name }, create: { id: uuidv7(), name }, update: {}, select: { id: true, name: true } }))
  }
  return teams
}

function buildDemoUsers(teams: readonly { id: string; name: string }[], passwordHash: string): UserRow[] {
  const teamIds = new Map(teams.map((team) => [team.name, team.id]))
  return DEMO_USERS.map((user) => ({
    id: uuidv7(),
    email: user.email,
    name: user.name,
    passwordHash,
    role: user.role,
    teamId: teamIds.get(user.team)!,
    language: 'fr',
  }))
}

// ---------------------------------------------------------------------------------------------
// Organisations

/** Keeps generated names unique: first the name alone, then with its city, then numbered. */
class NameRegistry {
  private readonly used = new Set<string>()

  claim(name: string, city: string): string {
    const candidates = [name, `${name} ${city}`]
    for (const candidate of candidates) {
      if (!this.used.has(candidate)) {
        this.used.add(candidate)
        return candidate
      }
    }
    for (let index = 2; ; index++) {
      const candidate = `${name} ${city} ${index}`
      if (!this.used.has(candidate)) {
        this.used.add(candidate)
        return candidate
      }
    }
  }
}

function pickTemplate(random: Random, type: OrganisationType): OrganisationTemplate {
  const templates = ORGANISATION_TEMPLATES.filter((template) => template.type === type)
  return random.weighted(templates.map((template) => [template, template.weight] as const))
}

function pickStage(random: Random, type: OrganisationType): PipelineStage {
  return random.weighted(type === 'SUPPLIER' ? SUPPLIER_STAGE_WEIGHTS : STAGE_WEIGHTS)
}

function pickOwner(random: Random, team: SeedTeam): SeedUser | null {
  if (random.chance(0.04) || team.workers.length === 0) return null
  if (team.sellers.length > 0 && random.chance(0.8)) return random.pick(team.sellers)
  return random.pick(team.workers)
}

function pickLocation(random: Random, team: SeedTeam): City {
  return random.chance(0.08) ? random.pick(team.foreignCities) : random.pick(team.cities)
}

interface OrganisationSpec {
  team: SeedTeam
  type: OrganisationType
  stage: PipelineStage
}

function buildOrganisation(random: Random, spec: OrganisationSpec, names: NameRegistry, now: Date): SeedOrganisation {
  const { team, type, stage } = spec
  const template = pickTemplate(random, type)
  const location = pickLocation(random, team)
  const brand = random.pick(BRANDS)
  const baseName = fill(random.pick(template.names), {
    brand,
    surname: random.pick(LAST_NAMES),
    surname2: random.pick(LAST_NAMES),
    region: random.pick(REGIONS).of,
    regionAdj: random.pick(REGIONS).adjective,
    profession: random.pick(PROFESSIONS),
    city: location.city,
  })
  const name = names.claim(baseName, location.city)
  const domain = domainFor(baseName, location.country)
  const createdAt = duringOfficeHours(random, daysFrom(now, -random.int(30, 900)))
  const owner = pickOwner(random, team)
  const row: OrganisationRow = {
    id: uuidv7(createdAt.getTime()),
    name,
    normalizedName: normalizeName(name),
    type,
    category: template.category,
    stage,
    potentialAmount: type === 'OTHER' && random.chance(0.3) ? null : potentialAmount(random, AMOUNT_RANGES[type]),
    email: random.chance(0.85) ? `${random.pick(ORGANISATION_EMAIL_LOCALS)}@${domain}` : null,
    phone: random.chance(0.9) ? phoneNumber(random, location.phonePrefix) : null,
    website: random.chance(0.8) ? `https://www.${domain}` : null,
    address: `${random.int(1, 120)} ${random.pick(STREETS)}`,
    city: location.city,
    postalCode: location.postalCode,
    country: location.country,
    language: 'fr',
    notes: random.chance(0.3) ? random.pick(ORGANISATION_NOTES) : null,
    isActive: stage === 'LOST' ? random.chance(0.6) : random.chance(0.98),
    tags: random.sample(TAGS, random.weighted([[0, 35], [1, 35], [2, 20], [3, 10]])),
    ownerId: owner?.id ?? null,
    teamId: team.id,
    createdAt,
    updatedAt: between(random, createdAt, now),
  }
  return { row, team, template, brand, domain, people: [] }
}

/** Every team gets every type in every stage first, then random ones. */
function demoOrganisationSpecs(random: Random, teams: readonly SeedTeam[], count: number): OrganisationSpec[] {
  const specs: OrganisationSpec[] = []
  for (const team of teams) {
    for (const type of ORGANISATION_TYPES) {
      for (const stage of PIPELINE_STAGES) specs.push({ team, type, stage })
    }
  }
  while (specs.length < count) {
    // The first team (Paris) is the larger office.
    const team = teams.length > 1 && random.chance(0.45) ? random.pick(teams.slice(1)) : teams[0]
    const type = random.weighted(TYPE_WEIGHTS)
    specs.push({ team, type, stage: pickStage(random, type) })
  }
  return specs
}

// ---------------------------------------------------------------------------------------------
// People

function buildPerson(
  random: Random,
  organisation: SeedOrganisation,
  isPrimary: boolean,
  now: Date,
): { person: PersonRow; link: LinkRow } {
  const first = random.pick(FIRST_NAMES)
  const lastName = random.pick(LAST_NAMES)
  const jobTitle = random.pick(JOB_TITLES)[first.gender === 'M' ? 0 : 1]
  const handle = `${slug(first.name)}.${slug(lastName)}`
  const createdAt = between(random, organisation.row.createdAt, now)
  const person: PersonRow = {
    id: uuidv7(createdAt.getTime()),
    firstName: first.name,
    lastName,
    email: random.chance(0.3) ? `${handle}${random.chance(0.5) ? random.int(1, 99) : ''}@${random.pick(PERSONAL_EMAIL_DOMAINS)}` : null,
    phone: random.chance(0.6) ? phoneNumber(random, random.pick(['+33 6', '+33 7'])) : null,
    jobTitle,
    linkedinUrl: random.chance(0.5) ? `https://www.linkedin.com/in/${slug(first.name, '-')}-${slug(lastName, '-')}-${random.digits(6)}` : null,
    notes: null,
    ownerId: organisation.row.ownerId,
    teamId: organisation.row.teamId,
    createdAt,
    updatedAt: between(random, createdAt, now),
  }
  const link = buildLink(random, organisation, person, isPrimary)
  organisation.people.push({ id: person.id, fullName: `${first.name} ${lastName}` })
  return { person, link }
}

function buildLink(random: Random, organisation: SeedOrganisation, person: PersonRow, isPrimary: boolean): LinkRow {
  return {
    id: uuidv7(person.createdAt.getTime()),
    personId: person.id,
    organisationId: organisation.row.id,
    role: isPrimary ? random.pick(['Décideur', 'Signataire', 'Prescripteur']) : random.pick(LINK_ROLES),
    jobTitle: person.jobTitle,
    workEmail: random.chance(0.9) ? `${slug(person.firstName)}.${slug(person.lastName)}@${organisation.domain}` : null,
    workPhone: random.chance(0.7) && organisation.row.phone ? `${organisation.row.phone.slice(0, -2)}${random.digits(2)}` : null,
    isPrimary,
    createdAt: person.createdAt,
    updatedAt: person.updatedAt,
  }
}

function buildDemoPeople(random: Random, organisations: SeedOrganisation[], now: Date): { people: PersonRow[]; links: LinkRow[] } {
  const people: PersonRow[] = []
  const links: LinkRow[] = []
  for (const organisation of organisations) {
    const count = random.weighted([[0, 20], [1, 45], [2, 25], [3, 10]])
    for (let index = 0; index < count; index++) {
      const { person, link } = buildPerson(random, organisation, index === 0, now)
      people.push(person)
      links.push(link)
    }
  }
  links.push(...buildSecondaryLinks(random, organisations, people))
  return { people, links }
}

/** Some people also appear at a second organisation of their team (board seats, former employers). */
function buildSecondaryLinks(random: Random, organisations: SeedOrganisation[], people: PersonRow[]): LinkRow[] {
  const links: LinkRow[] = []
  for (const person of random.sample(people, Math.round(people.length * 0.05))) {
    const candidates = organisations.filter(
      (organisation) => organisation.row.teamId === person.teamId && !organisation.people.some((known) => known.id === person.id),
    )
    if (candidates.length === 0) continue
    const organisation = random.pick(candidates)
    links.push(buildLink(random, organisation, person, organisation.people.length === 0))
    organisation.people.push({ id: person.id, fullName: `${person.firstName} ${person.lastName}` })
  }
  return links
}

// ---------------------------------------------------------------------------------------------
// Mandates and products

function mandateStatusFor(random: Random, stage: PipelineStage, isFirst: boolean): MandateStatus {
  if (!isFirst) return random.pick(stage === 'LOST' ? ['EXPIRED', 'TERMINATED'] : ['SIGNED', 'NEGOTIATION', 'EXPIRED', 'DRAFT'])
  switch (stage) {
    case 'WON':
      return 'SIGNED'
    case 'LOST':
      return random.pick(['TERMINATED', 'EXPIRED', 'DRAFT'])
    case 'NEGOTIATION':
      return 'NEGOTIATION'
    case 'PROPOSAL':
      return random.pick(['NEGOTIATION', 'DRAFT'])
    default:
      return 'DRAFT'
  }
}

function mandateDates(
  random: Random,
  status: MandateStatus,
  now: Date,
): Pick<MandateRow, 'signedAt' | 'startDate' | 'endDate' | 'createdAt'> {
  const signedAgo: Partial<Record<MandateStatus, readonly [number, number]>> = {
    SIGNED: [10, 1_000],
    EXPIRED: [1_120, 2_000],
    TERMINATED: [400, 1_500],
  }
  const range = signedAgo[status]
  if (!range) {
    const createdAt = daysFrom(now, -random.int(5, 200))
    const startDate = status === 'NEGOTIATION' ? dateOnly(daysFrom(now, random.int(30, 120))) : null
    return { signedAt: null, startDate, endDate: null, createdAt }
  }
  const signedAt = duringOfficeHours(random, daysFrom(now, -random.int(...range)))
  const startDate = dateOnly(daysFrom(signedAt, random.int(0, 30)))
  const daysSinceStart = Math.floor((now.getTime() - startDate.getTime()) / DAY)
  const endDate =
    status === 'TERMINATED'
      ? dateOnly(daysFrom(startDate, random.int(90, Math.max(91, daysSinceStart - 1))))
      : status === 'EXPIRED' || random.chance(0.7)
        ? dateOnly(daysFrom(startDate, 3 * 365))
        : null
  return { signedAt, startDate, endDate, createdAt: daysFrom(signedAt, -random.int(30, 120)) }
}

function buildMandates(random: Random, suppliers: SeedOrganisation[], now: Date): Map<SeedOrganisation, MandateRow[]> {
  const bySupplier = new Map<SeedOrganisation, MandateRow[]>()
  let sequence = 0
  for (const supplier of suppliers) {
    const count = random.chance(0.7) ? 1 : 2
    const mandates: MandateRow[] = []
    for (let index = 0; index < count; index++) {
      const status = mandateStatusFor(random, supplier.row.stage, index === 0)
      const dates = mandateDates(random, status, now)
      sequence++
      mandates.push({
        id: uuidv7(dates.createdAt.getTime()),
        organisationId: supplier.row.id,
        teamId: supplier.row.teamId,
        ownerId: supplier.row.ownerId,
        reference: `MDT-${dates.createdAt.getUTCFullYear()}-${String(sequence).padStart(4, '0')}`,
        type: random.weighted([['DISTRIBUTION', 60], ['ADVISORY', 15], ['WHITE_LABEL', 15], ['OTHER', 10]] as const),
        status,
        notes: random.chance(0.5) ? random.pick(MANDATE_NOTES) : null,
        ...dates,
        updatedAt: between(random, dates.createdAt, now),
      })
    }
    bySupplier.set(supplier, mandates)
  }
  return bySupplier
}

function productKindFor(random: Random, category: string): ProductKind {
  if (category === 'Gestionnaire immobilier') return 'SCPI'
  if (category === 'Private equity') return 'OTHER'
  return random.chance(0.8) ? 'FUND' : 'ETF'
}

/** A valid ISIN shaped like real ones: FR001xxxxxx, LU0xxxxxxxx, IE00Bxxxxxx. */
export function generateIsin(random: Random, kind: ProductKind): string {
  const country = kind === 'ETF' ? (random.chance(0.7) ? 'IE' : 'LU') : kind === 'FUND' && random.chance(0.4) ? 'LU' : 'FR'
  const alphanumerics = '0123456789BCDFGHJKLMNPQRSTVWXYZ'
  const body =
    country === 'FR'
      ? `FR001${random.digits(6)}`
      : country === 'LU'
        ? `LU0${random.digits(8)}`
        : `IE00B${Array.from({ length: 6 }, () => random.pick([...alphanumerics])).join('')}`
  return `${body}${isinCheckDigit(body)}`
}

function buildProduct(random: Random, supplier: SeedOrganisation, usedIsins: Set<string>, usedNames: Set<string>, now: Date): ProductRow {
  const kind = productKindFor(random, supplier.template.category)
  let name = fill(random.pick(PRODUCT_NAMES[kind]), { brand: supplier.brand })
  if (usedNames.has(name)) name = `${name} ${random.pick(['II', 'III', 'Plus', 'Sélection'])}`
  usedNames.add(name)
  let isin = generateIsin(random, kind)
  while (usedIsins.has(isin)) isin = generateIsin(random, kind)
  usedIsins.add(isin)
  const createdAt = between(random, supplier.row.createdAt, now)
  return {
    id: uuidv7(createdAt.getTime()),
    name,
    isin,
    kind,
    status: random.weighted([['ACTIVE', 85], ['CLOSED', 10], ['SUSPENDED', 5]] as const),
    currency: kind === 'ETF' && random.chance(0.3) ? 'USD' : 'EUR',
    teamId: supplier.row.teamId,
    createdAt,
    updatedAt: between(random, createdAt, now),
  }
}

/** Products of each team come from that team's suppliers and are linked to their mandates. */
function buildProducts(
  random: Random,
  teams: readonly SeedTeam[],
  mandatesBySupplier: Map<SeedOrganisation, MandateRow[]>,
  now: Date,
): { products: ProductRow[]; mandateProducts: DemoDataset['mandateProducts'] } {
  const products: ProductRow[] = []
  const mandateProducts: DemoDataset['mandateProducts'] = []
  for (const team of teams) {
    const suppliers = random.sample([...mandatesBySupplier.keys()].filter((supplier) => supplier.team === team), Infinity)
    const usedIsins = new Set<string>()
    const usedNames = new Set<string>()
    for (let index = 0, made = 0; made < PRODUCTS_PER_TEAM && suppliers.length > 0; index++) {
      const supplier = suppliers[index % suppliers.length]
      const product = buildProduct(random, supplier, usedIsins, usedNames, now)
      products.push(product)
      made++
      for (const mandate of mandatesBySupplier.get(supplier)!) mandateProducts.push({ mandateId: mandate.id, productId: product.id })
    }
  }
  return { products, mandateProducts }
}

// ---------------------------------------------------------------------------------------------
// Interactions and tasks

const STAGE_ACTIVITY: Record<PipelineStage, number> = { PROSPECT: 1, QUALIFIED: 2, PROPOSAL: 3, NEGOTIATION: 3, WON: 3, LOST: 1 }

/** Organisations repeated by how much activity their stage usually sees. */
function activityPool(organisations: SeedOrganisation[]): SeedOrganisation[] {
  return organisations.flatMap((organisation) => Array<SeedOrganisation>(STAGE_ACTIVITY[organisation.row.stage]).fill(organisation))
}

function pickAuthor(random: Random, organisation: SeedOrganisation): string | null {
  const owner = organisation.team.workers.find((user) => user.id === organisation.row.ownerId)
  if (owner && random.chance(0.6)) return owner.id
  return organisation.team.workers.length > 0 ? random.pick(organisation.team.workers).id : null
}

function productNamesByTeam(products: ProductRow[]): Map<string, string[]> {
  const byTeam = new Map<string, string[]>()
  for (const product of products) byTeam.set(product.teamId, [...(byTeam.get(product.teamId) ?? []), product.name])
  return byTeam
}

function buildInteractions(
  random: Random,
  organisations: SeedOrganisation[],
  products: ProductRow[],
  now: Date,
): { interactions: InteractionRow[]; interactionPeople: DemoDataset['interactionPeople'] } {
  const pool = activityPool(organisations)
  const productNames = productNamesByTeam(products)
  const interactions: InteractionRow[] = []
  const interactionPeople: DemoDataset['interactionPeople'] = []
  for (let index = 0; index < DEMO_INTERACTIONS; index++) {
    const organisation = random.pick(pool)
    const kind = random.weighted([['CALL', 35], ['EMAIL', 30], ['MEETING', 20], ['NOTE', 15]] as const)
    const people = kind !== 'NOTE' && random.chance(0.75) ? random.sample(organisation.people, random.chance(0.85) ? 1 : 2) : []
    const templates = INTERACTION_SUMMARIES[kind].filter((template) => people.length > 0 || !template.includes('{person}'))
    const occurredAt = duringOfficeHours(random, daysFrom(now, -random.next() * 365))
    const interaction: InteractionRow = {
      id: uuidv7(occurredAt.getTime()),
      kind,
      occurredAt: minDate(occurredAt, now),
      summary: fill(random.pick(templates), {
        person: people.map((person) => person.fullName).join(' et '),
        org: organisation.row.name,
        product: random.pick(productNames.get(organisation.row.teamId) ?? ['notre fonds phare']),
        assetClass: random.pick(ASSET_CLASSES),
      }),
      body: random.chance(0.4) ? random.pick(INTERACTION_BODIES) : null,
      organisationId: organisation.row.id,
      authorId: pickAuthor(random, organisation),
      teamId: organisation.row.teamId,
      createdAt: minDate(occurredAt, now),
      updatedAt: minDate(occurredAt, now),
    }
    interactions.push(interaction)
    for (const person of people) interactionPeople.push({ interactionId: interaction.id, personId: person.id })
  }
  return { interactions, interactionPeople }
}

type TaskScenario = 'overdue' | 'soon' | 'later' | 'done' | 'cancelled'

function taskSchedule(
  random: Random,
  scenario: TaskScenario,
  now: Date,
): Pick<TaskRow, 'dueAt' | 'status' | 'completedAt'> {
  switch (scenario) {
    case 'overdue':
      return { dueAt: hoursFrom(now, -random.int(1, 30 * 24), 'floor'), status: 'OPEN', completedAt: null }
    case 'soon':
      return { dueAt: hoursFrom(now, random.int(1, 7 * 24), 'ceil'), status: random.chance(0.7) ? 'OPEN' : 'IN_PROGRESS', completedAt: null }
    case 'later':
      return {
        dueAt: random.chance(0.2) ? null : duringOfficeHours(random, daysFrom(now, random.int(8, 60))),
        status: random.chance(0.7) ? 'OPEN' : 'IN_PROGRESS',
        completedAt: null,
      }
    case 'done': {
      const dueAt = duringOfficeHours(random, daysFrom(now, -random.int(1, 120)))
      return { dueAt, status: 'DONE', completedAt: minDate(new Date(dueAt.getTime() + random.int(-72, 48) * HOUR), now) }
    }
    case 'cancelled':
      return { dueAt: duringOfficeHours(random, daysFrom(now, random.int(-60, 30))), status: 'CANCELLED', completedAt: null }
  }
}

function pickAssignee(random: Random, organisation: SeedOrganisation): SeedUser | null {
  const { team } = organisation
  const owner = team.workers.find((user) => user.id === organisation.row.ownerId)
  if (owner && random.chance(0.7)) return owner
  const candidates = team.sellers.length > 0 ? team.sellers : team.workers
  return candidates.length > 0 ? random.pick(candidates) : null
}

function buildTask(random: Random, organisation: SeedOrganisation, now: Date): TaskRow {
  const scenario = random.weighted([['overdue', 25], ['soon', 25], ['later', 25], ['done', 20], ['cancelled', 5]] as const)
  const schedule = taskSchedule(random, scenario, now)
  const person = organisation.people.length > 0 && random.chance(0.4) ? random.pick(organisation.people) : null
  const templates = TASK_TITLES.filter((template) => person || !template.includes('{person}'))
  const assignee = pickAssignee(random, organisation)
  const creator = assignee && random.chance(0.6) ? assignee : (organisation.team.managers[0] ?? assignee)
  const createdAt = minDate(daysFrom(schedule.dueAt ?? now, -random.int(1, 30)), now)
  return {
    id: uuidv7(createdAt.getTime()),
    title: fill(random.pick(templates), { org: organisation.row.name, person: person?.fullName ?? '' }),
    description: random.chance(0.5) ? random.pick(TASK_DESCRIPTIONS) : null,
    priority: random.weighted(
      scenario === 'overdue'
        ? ([['LOW', 10], ['MEDIUM', 35], ['HIGH', 35], ['URGENT', 20]] as const)
        : ([['LOW', 20], ['MEDIUM', 45], ['HIGH', 25], ['URGENT', 10]] as const),
    ),
    ...schedule,
    assigneeId: assignee?.id ?? null,
    createdById: creator?.id ?? null,
    organisationId: organisation.row.id,
    personId: person?.id ?? null,
    teamId: organisation.row.teamId,
    createdAt,
    updatedAt: schedule.completedAt ?? createdAt,
  }
}

// ---------------------------------------------------------------------------------------------
// Demo seed

function buildDemoDataset(random: Random, now: Date, teamRows: { id: string; name: string }[], passwordHash: string): DemoDataset {
  const users = buildDemoUsers(teamRows, passwordHash)
  const teams = teamRows.map((team) => toSeedTeam(team, users))
  const names = new NameRegistry()
  const organisations = demoOrganisationSpecs(random, teams, DEMO_ORGANISATIONS).map((spec) =>
    buildOrganisation(random, spec, names, now),
  )
  const { people, links } = buildDemoPeople(random, organisations, now)
  const suppliers = organisations.filter((organisation) => organisation.row.type === 'SUPPLIER')
  const mandatesBySupplier = buildMandates(random, suppliers, now)
  const { products, mandateProducts } = buildProducts(random, teams, mandatesBySupplier, now)
  const { interactions, interactionPeople } = buildInteractions(random, organisations, products, now)
  const tasks = Array.from({ length: DEMO_TASKS }, () => buildTask(random, random.pick(organisations), now))
  return {
    users,
    organisations: organisations.map((organisation) => organisation.row),
    people,
    links,
    mandates: [...mandatesBySupplier.values()].flat(),
    products,
    mandateProducts,
    interactions,
    interactionPeople,
    tasks,
  }
}

async function insertDemoDataset(db: Prisma.TransactionClient, data: DemoDataset): Promise<void> {
  await db.user.createMany({ data: data.users })
  await db.organisation.createMany({ data: data.organisations })
  await db.person.createMany({ data: data.people })
  await db.personOrganisationLink.createMany({ data: data.links })
  await db.mandate.createMany({ data: data.mandates })
  await db.product.createMany({ data: data.products })
  await db.mandateProduct.createMany({ data: data.mandateProducts })
  await db.interaction.createMany({ data: data.interactions })
  await db.interactionPerson.createMany({ data: data.interactionPeople })
  await db.task.createMany({ data: data.tasks })
}

function datasetCounts(data: DemoDataset): Record<keyof DemoDataset, number> {
  return Object.fromEntries(Object.entries(data).map(([key, rows]) => [key, rows.length])) as Record<keyof DemoDataset, number>
}

/**
 * Creates the demo teams, users and a realistic book of business, unless any user exists.
 * Several nodes may start at once: an advisory lock makes exactly one of them seed.
 */
export async function seedDemo(
  prisma: PrismaClient,
  options: { password: string; logger?: Logger },
): Promise<{ seeded: boolean }> {
  const { logger } = options
  if ((await prisma.user.count()) > 0) {
    logger?.debug('demo seed skipped: users already exist')
    return { seeded: false }
  }
  const started = performance.now()
  const passwordHash = await hashPassword(options.password)
  const counts = await prisma.$transaction(
    async (tx) => {
      await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(hashtext('alforis:seed-demo'))`)
      if ((await tx.user.count()) > 0) return null
      const data = buildDemoDataset(new Random(DEMO_SEED), new Date(), await upsertDemoTeams(tx), passwordHash)
      await insertDemoDataset(tx, data)
      return datasetCounts(data)
    },
    { maxWait: 30_000, timeout: 120_000 },
  )
  if (!counts) {
    logger?.debug('demo seed skipped: another process seeded first')
    return { seeded: false }
  }
  logger?.info({ ...counts, elapsedMs: Math.round(performance.now() - started) }, 'demo data seeded')
  return { seeded: true }
}

// ---------------------------------------------------------------------------------------------
// Bulk seed (benchmarks)

interface Column<Row> {
  name: string
  /** PostgreSQL array type of the parameter, e.g. "uuid[]". */
  type: string
  value: (row: Row) => unknown
  /** Expression turning the unnested element into the column value, when a cast is needed. */
  select?: string
}

/**
 * One INSERT … SELECT FROM unnest($1, $2, …) per batch: one array parameter per column, so a
 * batch of any size stays far below PostgreSQL's 65,535 bind-parameter limit and parses once.
 */
async function insertUnnest<Row>(db: Db, table: string, columns: readonly Column<Row>[], rows: readonly Row[]): Promise<void> {
  if (rows.length === 0) return
  const names = columns.map((column) => `"${column.name}"`).join(', ')
  const params = columns.map((column, index) => `$${index + 1}::${column.type}`).join(', ')
  const selects = columns.map((column) => column.select ?? `"${column.name}"`).join(', ')
  const sql = `INSERT INTO "${table}" (${names}) SELECT ${selects} FROM unnest(${params}) AS t(${names})`
  await db.$executeRawUnsafe(sql, ...columns.map((column) => rows.map(column.value)))
}

function column<Row, Key extends keyof Row & string>(name: Key, type: string, select?: string): Column<Row> {
  return { name, type, value: (row) => row[name], select }
}

const ORGANISATION_COLUMNS: readonly Column<OrganisationRow>[] = [
  column('id', 'uuid[]'),
  column('name', 'text[]'),
  column('normalizedName', 'text[]'),
  column('type', '"OrganisationType"[]'),
  column('category', 'text[]'),
  column('stage', '"PipelineStage"[]'),
  column('potentialAmount', 'float8[]'),
  column('email', 'text[]'),
  column('phone', 'text[]'),
  column('website', 'text[]'),
  column('address', 'text[]'),
  column('city', 'text[]'),
  column('postalCode', 'text[]'),
  column('country', 'text[]'),
  column('language', 'text[]'),
  column('notes', 'text[]'),
  column('isActive', 'bool[]'),
  // unnest would flatten a two-dimensional array, so each row's tags travel as an array literal.
  { name: 'tags', type: 'text[]', value: (row) => pgArrayLiteral(row.tags), select: '"tags"::text[]' },
  column('ownerId', 'uuid[]'),
  column('teamId', 'uuid[]'),
  column('createdAt', 'timestamp(3)[]'),
  column('updatedAt', 'timestamp(3)[]'),
]

const PERSON_COLUMNS: readonly Column<PersonRow>[] = [
  column('id', 'uuid[]'),
  column('firstName', 'text[]'),
  column('lastName', 'text[]'),
  column('email', 'text[]'),
  column('phone', 'text[]'),
  column('jobTitle', 'text[]'),
  column('linkedinUrl', 'text[]'),
  column('notes', 'text[]'),
  column('ownerId', 'uuid[]'),
  column('teamId', 'uuid[]'),
  column('createdAt', 'timestamp(3)[]'),
  column('updatedAt', 'timestamp(3)[]'),
]

const LINK_COLUMNS: readonly Column<LinkRow>[] = [
  column('id', 'uuid[]'),
  column('personId', 'uuid[]'),
  column('organisationId', 'uuid[]'),
  column('role', 'text[]'),
  column('jobTitle', 'text[]'),
  column('workEmail', 'text[]'),
  column('workPhone', 'text[]'),
  column('isPrimary', 'bool[]'),
  column('createdAt', 'timestamp(3)[]'),
  column('updatedAt', 'timestamp(3)[]'),
]

async function loadSeedTeams(prisma: PrismaClient): Promise<SeedTeam[]> {
  const [teams, users] = await Promise.all([
    prisma.team.findMany({ select: { id: true, name: true }, orderBy: { name: 'desc' } }),
    prisma.user.findMany({ where: { isActive: true }, select: { id: true, name: true, role: true, teamId: true } }),
  ])
  return teams.map((team) => toSeedTeam(team, users)).filter((team) => team.workers.length > 0)
}

interface BulkBatch {
  organisations: OrganisationRow[]
  people: PersonRow[]
  links: LinkRow[]
}

const BUILD_SLICE = 500

/** Builds a batch in slices, yielding in between so the previous batch's queries keep flowing. */
async function buildBulkBatch(random: Random, teams: readonly SeedTeam[], size: number, names: NameRegistry): Promise<BulkBatch> {
  const batch: BulkBatch = { organisations: [], people: [], links: [] }
  const now = new Date()
  for (let index = 0; index < size; index++) {
    if (index > 0 && index % BUILD_SLICE === 0) await setImmediate()
    const type = random.weighted(TYPE_WEIGHTS)
    const organisation = buildOrganisation(random, { team: random.pick(teams), type, stage: pickStage(random, type) }, names, now)
    batch.organisations.push(organisation.row)
    if (index % 2 === 0) {
      const { person, link } = buildPerson(random, organisation, true, now)
      batch.people.push(person)
      batch.links.push(link)
    }
  }
  return batch
}

async function insertBulkBatch(prisma: PrismaClient, batch: BulkBatch): Promise<void> {
  await Promise.all([
    insertUnnest(prisma, 'Organisation', ORGANISATION_COLUMNS, batch.organisations),
    insertUnnest(prisma, 'Person', PERSON_COLUMNS, batch.people),
  ])
  await insertUnnest(prisma, 'PersonOrganisationLink', LINK_COLUMNS, batch.links)
}

/**
 * Adds `organisations` organisations (and one person per two of them) for benchmarks, spread
 * over every team that has active users. Seeds the demo first when the database has no user.
 */
export async function seedBulk(
  prisma: PrismaClient,
  options: { organisations: number; logger?: Logger; password?: string },
): Promise<void> {
  const { organisations: total, logger } = options
  if (!Number.isSafeInteger(total) || total < 0) throw new RangeError(`organisations must be a non-negative integer, got ${total}`)
  if ((await prisma.user.count()) === 0) await seedDemo(prisma, { password: options.password ?? DEFAULT_DEMO_PASSWORD, logger })
  const teams = await loadSeedTeams(prisma)
  if (teams.length === 0) throw new Error('bulk seed needs at least one team with active non-viewer users')
  // Reseeding per existing count keeps repeated runs reproducible without repeating the same rows.
  const random = new Random(BULK_SEED + (await prisma.organisation.count()))
  const names = new NameRegistry()
  const started = performance.now()
  // Batch n+1 is generated while batch n is being inserted.
  let inserting: Promise<void> = Promise.resolve()
  for (let done = 0, number = 1; done < total; number++) {
    const size = Math.min(BULK_BATCH_SIZE, total - done)
    const batch = await buildBulkBatch(random, teams, size, names)
    await inserting
    done += size
    const progress = { batch: number, organisations: done, total }
    inserting = insertBulkBatch(prisma, batch).then(() =>
      logger?.info({ ...progress, elapsedMs: Math.round(performance.now() - started) }, 'bulk seed progress'),
    )
    // Observed when awaited on the next turn; this only keeps Node from reporting it as unhandled meanwhile.
    inserting.catch(() => {})
  }
  await inserting
}
