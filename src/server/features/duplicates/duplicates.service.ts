import type { z } from 'zod'
import type { organisationSimilarInput, personSimilarInput, SimilarityReason } from '../../../shared/schemas/duplicates.ts'
import { normalizeName } from '../../../shared/normalize.ts'
import type { Prisma } from '../../db/client.ts'
import { teamScope, type ServiceContext } from '../scope.ts'

const LIMIT = 5

export interface SimilarRecord {
  id: string
  name: string
  reasons: SimilarityReason[]
}

/** "https://www.Alforis.fr/contact" → "alforis.fr": two sites of one firm share it. */
export function websiteDomain(website: string | null | undefined): string | null {
  if (!website) return null
  try {
    const host = new URL(website).hostname.toLowerCase().replace(/^www\./, '')
    return host.includes('.') ? host : null
  } catch {
    return null
  }
}

/**
 * Organisations of the caller's scope that look like the one being created: same normalised name,
 * same e-mail, or a website on the same domain.
 */
export async function similarOrganisations(
  ctx: ServiceContext,
  input: z.output<typeof organisationSimilarInput>,
): Promise<SimilarRecord[]> {
  const normalizedName = normalizeName(input.name)
  const domain = websiteDomain(input.website)
  const or: Prisma.OrganisationWhereInput[] = []
  if (normalizedName) or.push({ normalizedName })
  if (input.email) or.push({ email: { equals: input.email, mode: 'insensitive' } })
  if (domain) {
    or.push({ website: { contains: `//${domain}`, mode: 'insensitive' } }, { website: { contains: `.${domain}`, mode: 'insensitive' } })
  }
  if (or.length === 0) return []
  const found = await ctx.prisma.organisation.findMany({
    where: { AND: [teamScope(ctx.viewer), { OR: or }, input.excludeId ? { id: { not: input.excludeId } } : {}] },
    select: { id: true, name: true, normalizedName: true, email: true, website: true },
    orderBy: { updatedAt: 'desc' },
    take: LIMIT,
  })
  return found.map((organisation) => ({
    id: organisation.id,
    name: organisation.name,
    reasons: [
      ...(normalizedName && organisation.normalizedName === normalizedName ? (['name'] as const) : []),
      ...(input.email && organisation.email?.toLowerCase() === input.email ? (['email'] as const) : []),
      ...(domain && websiteDomain(organisation.website) === domain ? (['website'] as const) : []),
    ],
  }))
}

/** People of the caller's scope with the same first and last name (case, and accents of the first name, aside) or the same e-mail. */
export async function similarPeople(ctx: ServiceContext, input: z.output<typeof personSimilarInput>): Promise<SimilarRecord[]> {
  const or: Prisma.PersonWhereInput[] = []
  if (input.firstName && input.lastName) {
    // Same last name (case aside) in the database; the whole name is compared below, accents aside.
    or.push({ lastName: { equals: input.lastName, mode: 'insensitive' } })
  }
  if (input.email) or.push({ email: { equals: input.email, mode: 'insensitive' } })
  if (or.length === 0) return []
  const wanted = normalizeName(`${input.firstName} ${input.lastName}`)
  const candidates = await ctx.prisma.person.findMany({
    where: { AND: [teamScope(ctx.viewer), { OR: or }, input.excludeId ? { id: { not: input.excludeId } } : {}] },
    select: { id: true, firstName: true, lastName: true, email: true },
    orderBy: { updatedAt: 'desc' },
    take: 50,
  })
  return candidates
    .map((person) => ({
      id: person.id,
      name: `${person.firstName} ${person.lastName}`,
      reasons: [
        ...(wanted && normalizeName(`${person.firstName} ${person.lastName}`) === wanted ? (['name'] as const) : []),
        ...(input.email && person.email?.toLowerCase() === input.email ? (['email'] as const) : []),
      ],
    }))
    .filter((person) => person.reasons.length > 0)
    .slice(0, LIMIT)
}
