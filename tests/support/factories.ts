import { randomBytes } from 'node:crypto'
import type { PrismaClient } from '../../src/server/db/client.ts'
import { normalizeName } from '../../src/shared/normalize.ts'

// Small factories writing straight to the database: unique data, no dependence on other tests.
export const unique = (label: string) => `${label} ${randomBytes(4).toString('hex')}`

export interface DemoUsers {
  byEmail: Map<string, { id: string; teamId: string | null; role: string }>
  teams: { paris: string; lyon: string }
}

export async function demoUsers(prisma: PrismaClient): Promise<DemoUsers> {
  const [users, teams] = await Promise.all([
    prisma.user.findMany({ select: { id: true, email: true, teamId: true, role: true } }),
    prisma.team.findMany({ select: { id: true, name: true } }),
  ])
  return {
    byEmail: new Map(users.map((user) => [user.email, user])),
    teams: {
      paris: teams.find((team) => team.name === 'Paris')!.id,
      lyon: teams.find((team) => team.name === 'Lyon')!.id,
    },
  }
}

export async function makeOrganisation(
  prisma: PrismaClient,
  data: {
    teamId: string
    ownerId?: string | null
    name?: string
    type?: 'INVESTOR' | 'SUPPLIER' | 'DISTRIBUTOR' | 'PARTNER' | 'OTHER'
    stage?: 'PROSPECT' | 'QUALIFIED' | 'PROPOSAL' | 'NEGOTIATION' | 'WON' | 'LOST'
    potentialAmount?: number | null
  },
) {
  const name = data.name ?? unique('Organisation')
  return prisma.organisation.create({
    data: {
      name,
      normalizedName: normalizeName(name),
      type: data.type ?? 'INVESTOR',
      stage: data.stage,
      potentialAmount: data.potentialAmount ?? null,
      teamId: data.teamId,
      ownerId: data.ownerId ?? null,
    },
  })
}
