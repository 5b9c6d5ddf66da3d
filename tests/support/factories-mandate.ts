import { randomInt } from 'node:crypto'
import type { PrismaClient } from '../../src/server/db/client.ts'
import { isinCheckDigit } from '../../src/shared/isin.ts'
import { makeOrganisation, unique } from './factories.ts'

/** A valid ISIN with a random body, so that tests never collide on the per-team unique index. */
export function randomIsin(country = 'FR'): string {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ'
  let body = country
  for (let index = 0; index < 9; index++) body += alphabet[randomInt(alphabet.length)]
  return `${body}${isinCheckDigit(body)}`
}

/** The same ISIN with a wrong check digit. */
export function withWrongCheckDigit(isin: string): string {
  return isin.slice(0, 11) + String((Number(isin[11]) + 1) % 10)
}

export async function makeProduct(
  prisma: PrismaClient,
  data: { teamId: string; name?: string; isin?: string; kind?: 'FUND' | 'ETF' | 'SCPI' | 'OTHER'; status?: 'ACTIVE' | 'CLOSED' | 'SUSPENDED' },
) {
  return prisma.product.create({
    data: {
      name: data.name ?? unique('Fonds'),
      isin: data.isin ?? randomIsin(),
      kind: data.kind ?? 'FUND',
      status: data.status ?? 'ACTIVE',
      currency: 'EUR',
      teamId: data.teamId,
    },
  })
}

export function makeSupplier(prisma: PrismaClient, data: { teamId: string; ownerId?: string | null; name?: string }) {
  return makeOrganisation(prisma, { ...data, name: data.name ?? unique('Gestionnaire'), type: 'SUPPLIER' })
}

export async function makeMandate(
  prisma: PrismaClient,
  data: {
    teamId: string
    ownerId?: string | null
    organisationId?: string
    reference?: string
    status?: 'DRAFT' | 'NEGOTIATION' | 'SIGNED' | 'EXPIRED' | 'TERMINATED'
    productIds?: string[]
  },
) {
  const organisationId = data.organisationId ?? (await makeSupplier(prisma, { teamId: data.teamId, ownerId: data.ownerId })).id
  return prisma.mandate.create({
    data: {
      organisationId,
      teamId: data.teamId,
      ownerId: data.ownerId ?? null,
      reference: data.reference ?? unique('MDT'),
      status: data.status ?? 'DRAFT',
      products: { create: (data.productIds ?? []).map((productId) => ({ productId })) },
    },
  })
}
