import { makeProduct, randomIsin } from '../../support/factories-mandate.ts'
import { unique } from '../../support/factories.ts'
import { teamRule, type Caller, type MatrixCase, type MatrixFixture, type Target } from './types.ts'

// Products have no owner: "own" and "sameTeam" are both a product of the caller's team.
const productFor = (fixture: MatrixFixture, caller: Caller, target: Target) =>
  makeProduct(fixture.prisma, { teamId: target === 'otherTeam' ? caller.otherTeamId : caller.teamId })

export const productCases: MatrixCase[] = [
  {
    path: 'products.list',
    input: async (fixture, caller, target) => ({ q: (await productFor(fixture, caller, target)).name }),
    // Lists never fail for readers; the scoping of their content is checked by product.test.ts.
    expected: (role) => teamRule('VIEWER')(role, 'own'),
  },
  {
    path: 'products.byId',
    input: async (fixture, caller, target) => ({ id: (await productFor(fixture, caller, target)).id }),
    expected: teamRule('VIEWER'),
  },
  {
    path: 'products.create',
    input: async (_fixture, caller, target) => ({
      name: unique('Nouveau fonds'),
      isin: randomIsin('LU'),
      ...(target === 'otherTeam' ? { teamId: caller.otherTeamId } : {}),
    }),
    expected: (role, target) => {
      const outcome = teamRule('SALES')(role, target)
      return outcome === 'NOT_FOUND' ? 'BAD_REQUEST' : outcome
    },
  },
  {
    path: 'products.update',
    input: async (fixture, caller, target) => ({
      id: (await productFor(fixture, caller, target)).id,
      version: 1,
      data: { status: 'SUSPENDED' },
    }),
    expected: teamRule('SALES'),
  },
  {
    path: 'products.delete',
    input: async (fixture, caller, target) => ({ id: (await productFor(fixture, caller, target)).id }),
    expected: teamRule('MANAGER'),
  },
]

const twoProductsFor = async (fixture: MatrixFixture, caller: Caller, target: Target) => [
  (await productFor(fixture, caller, target)).id,
  (await productFor(fixture, caller, target)).id,
]

export const productBulkCases: MatrixCase[] = [
  {
    path: 'products.bulkUpdate',
    input: async (fixture, caller, target) => ({ ids: await twoProductsFor(fixture, caller, target), patch: { status: 'SUSPENDED' } }),
    expected: teamRule('SALES'),
  },
  {
    path: 'products.bulkRestore',
    input: async (fixture, caller, target) => ({
      items: (await twoProductsFor(fixture, caller, target)).map((id) => ({ id, fields: { status: 'ACTIVE' } })),
    }),
    expected: teamRule('SALES'),
  },
  {
    path: 'products.bulkDelete',
    input: async (fixture, caller, target) => ({ ids: await twoProductsFor(fixture, caller, target) }),
    expected: teamRule('MANAGER'),
  },
]
