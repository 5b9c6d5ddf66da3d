import { makeMandate, makeProduct, makeSupplier } from '../../support/factories-mandate.ts'
import { unique } from '../../support/factories.ts'
import { ownerFor } from './organisation.cases.ts'
import { teamRule, type Caller, type MatrixCase, type MatrixFixture, type Target } from './types.ts'

const mandateFor = (fixture: MatrixFixture, caller: Caller, target: Target) =>
  makeMandate(fixture.prisma, ownerFor(caller, target))

/** A mandate of `target` and a product of the same team, not yet linked. */
async function mandateAndProduct(fixture: MatrixFixture, caller: Caller, target: Target) {
  const mandate = await mandateFor(fixture, caller, target)
  const product = await makeProduct(fixture.prisma, { teamId: mandate.teamId })
  return { mandateId: mandate.id, productId: product.id }
}

export const mandateCases: MatrixCase[] = [
  {
    path: 'mandates.list',
    input: async (fixture, caller, target) => ({ q: (await mandateFor(fixture, caller, target)).reference! }),
    // Lists never fail for readers; the scoping of their content is checked by mandate.test.ts.
    expected: (role) => teamRule('VIEWER')(role, 'own'),
  },
  {
    path: 'mandates.byId',
    input: async (fixture, caller, target) => ({ id: (await mandateFor(fixture, caller, target)).id }),
    expected: teamRule('VIEWER'),
  },
  {
    path: 'mandates.create',
    // The mandate goes to its supplier's team: another team's supplier is out of scope.
    input: async (fixture, caller, target) => ({
      organisationId: (await makeSupplier(fixture.prisma, ownerFor(caller, target))).id,
      reference: unique('MDT'),
      ...(target === 'sameTeam' ? { ownerId: caller.teammateId } : {}),
    }),
    expected: teamRule('SALES'),
  },
  {
    path: 'mandates.update',
    input: async (fixture, caller, target) => ({
      id: (await mandateFor(fixture, caller, target)).id,
      version: 1,
      data: { status: 'NEGOTIATION' },
    }),
    expected: teamRule('SALES'),
  },
  {
    path: 'mandates.delete',
    input: async (fixture, caller, target) => ({ id: (await mandateFor(fixture, caller, target)).id }),
    expected: teamRule('MANAGER'),
  },
  {
    path: 'mandates.addProduct',
    input: mandateAndProduct,
    expected: teamRule('SALES'),
  },
  {
    path: 'mandates.removeProduct',
    input: async (fixture, caller, target) => {
      const { mandateId, productId } = await mandateAndProduct(fixture, caller, target)
      await fixture.prisma.mandateProduct.create({ data: { mandateId, productId } })
      return { mandateId, productId }
    },
    expected: teamRule('SALES'),
  },
]

const twoMandatesFor = async (fixture: MatrixFixture, caller: Caller, target: Target) => [
  (await mandateFor(fixture, caller, target)).id,
  (await mandateFor(fixture, caller, target)).id,
]

export const mandateBulkCases: MatrixCase[] = [
  {
    path: 'mandates.bulkUpdate',
    input: async (fixture, caller, target) => ({ ids: await twoMandatesFor(fixture, caller, target), patch: { status: 'NEGOTIATION' } }),
    expected: teamRule('SALES'),
  },
  {
    path: 'mandates.bulkRestore',
    input: async (fixture, caller, target) => ({
      items: (await twoMandatesFor(fixture, caller, target)).map((id) => ({ id, fields: { status: 'DRAFT' } })),
    }),
    expected: teamRule('SALES'),
  },
  {
    path: 'mandates.bulkDelete',
    input: async (fixture, caller, target) => ({ ids: await twoMandatesFor(fixture, caller, target) }),
    expected: teamRule('MANAGER'),
  },
]
