import type { PrismaClient } from '../../src/server/db/client.ts'
import { unique } from './factories.ts'

// Factories of the people and interactions domains, writing straight to the database.

export async function makePerson(
  prisma: PrismaClient,
  data: { teamId: string; ownerId?: string | null; firstName?: string; lastName?: string; email?: string | null },
) {
  return prisma.person.create({
    data: {
      firstName: data.firstName ?? 'Camille',
      lastName: data.lastName ?? unique('Martin'),
      email: data.email ?? null,
      teamId: data.teamId,
      ownerId: data.ownerId ?? null,
    },
  })
}

export async function makeLink(
  prisma: PrismaClient,
  data: { personId: string; organisationId: string; isPrimary?: boolean; role?: string | null },
) {
  return prisma.personOrganisationLink.create({
    data: { personId: data.personId, organisationId: data.organisationId, isPrimary: data.isPrimary ?? false, role: data.role ?? null },
  })
}

export async function makeInteraction(
  prisma: PrismaClient,
  data: {
    teamId: string
    authorId?: string | null
    organisationId?: string | null
    personIds?: string[]
    kind?: 'CALL' | 'EMAIL' | 'MEETING' | 'NOTE'
    occurredAt?: Date
    summary?: string
  },
) {
  return prisma.interaction.create({
    data: {
      kind: data.kind ?? 'CALL',
      occurredAt: data.occurredAt ?? new Date(),
      summary: data.summary ?? unique('Appel'),
      teamId: data.teamId,
      authorId: data.authorId ?? null,
      organisationId: data.organisationId ?? null,
      people: { createMany: { data: (data.personIds ?? []).map((personId) => ({ personId })) } },
    },
  })
}
