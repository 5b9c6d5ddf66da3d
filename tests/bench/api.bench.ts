import { loginAs } from '../support/client.ts'
import { load, type LatencyStats } from './measure.ts'

/** organisations.list (50 per page, with a filter) and organisations.byId, as a typed client calls them. */
export async function benchOrganisationApi(baseUrl: string): Promise<Record<string, LatencyStats>> {
  const sales = await loginAs(baseUrl, 'sales.paris@demo.test')
  const admin = await loginAs(baseUrl, 'admin@demo.test')
  const ids = (await sales.trpc.organisations.list.query({ limit: 200, sort: { field: 'name', direction: 'asc' } })).items.map((item) => item.id)
  const stages = ['PROSPECT', 'QUALIFIED', 'PROPOSAL', 'NEGOTIATION'] as const
  const options = { total: 2000, concurrency: 16, warmup: 50 }

  const results: Record<string, LatencyStats> = {}
  results['organisations.list (SALES, type+stage filter, 50/page)'] = await load(async (index) => {
    await sales.trpc.organisations.list.query({ limit: 50, type: ['INVESTOR'], stage: [stages[index % stages.length]] })
  }, options)
  let cursor: string | null | undefined
  results['organisations.list (SALES, next pages by cursor, sorted by name)'] = await load(async () => {
    const page = await sales.trpc.organisations.list.query({ limit: 50, cursor, sort: { field: 'name', direction: 'asc' } })
    cursor = page.nextCursor
  }, { ...options, concurrency: 1, total: 500 })
  cursor = undefined
  // A nullable sort: pages after the first once loaded the whole team to find the cursor.
  results['organisations.list (SALES, next pages by cursor, sorted by amount)'] = await load(async () => {
    const page = await sales.trpc.organisations.list.query({ limit: 50, cursor, sort: { field: 'potentialAmount', direction: 'desc' } })
    cursor = page.nextCursor
  }, { ...options, concurrency: 1, total: 500 })
  results['organisations.list (ADMIN, all teams, text search)'] = await load(async (index) => {
    await admin.trpc.organisations.list.query({ limit: 50, q: ['mutuelle', 'lyon', 'banque', 'retraite'][index % 4] })
  }, { ...options, total: 500 })
  results['organisations.byId (SALES, with relations)'] = await load(async (index) => {
    await sales.trpc.organisations.byId.query({ id: ids[index % ids.length] })
  }, options)
  sales.closeWebSocket()
  admin.closeWebSocket()
  return results
}

