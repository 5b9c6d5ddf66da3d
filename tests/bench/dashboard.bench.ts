import { loginAs } from '../support/client.ts'
import { load, summarise, type LatencyStats } from './measure.ts'

/** dashboard.summary (every figure of the home page in one call) for a manager, an admin and a salesperson. */
export async function benchDashboard(baseUrl: string): Promise<Record<string, LatencyStats>> {
  const manager = await loginAs(baseUrl, 'manager.paris@demo.test')
  const admin = await loginAs(baseUrl, 'admin@demo.test')
  const sales = await loginAs(baseUrl, 'sales.paris@demo.test')
  const alone = { total: 200, concurrency: 1, warmup: 20 }
  const results: Record<string, LatencyStats> = {}
  results['dashboard.summary (MANAGER, team, month), alone'] = await load(async () => {
    await manager.trpc.dashboard.summary.query({ period: 'month' })
  }, alone)
  results['dashboard.summary (ADMIN, all teams, quarter), alone'] = await load(async () => {
    await admin.trpc.dashboard.summary.query({ period: 'quarter' })
  }, alone)
  results['dashboard.summary (SALES, mine, week), alone'] = await load(async () => {
    await sales.trpc.dashboard.summary.query({ period: 'week', scope: 'mine' })
  }, alone)
  results['dashboard.summary (MANAGER, team, month), 8 concurrent'] = await load(async () => {
    await manager.trpc.dashboard.summary.query({ period: 'month' })
  }, { total: 400, concurrency: 8, warmup: 20 })
  // Uncached: before each timed read, an untimed write in the team (through the API, as a user would)
  // makes the cached answer unreachable, so every timed read computes the figures from the database.
  const sample = await manager.trpc.organisations.list.query({ limit: 1 })
  let organisation = sample.items[0]!
  const latencies: number[] = []
  for (let index = 0; index < 120; index++) {
    organisation = await manager.trpc.organisations.update.mutate({ id: organisation.id, version: organisation.version, data: { city: `Bench ${index}` } })
    const before = performance.now()
    await manager.trpc.dashboard.summary.query({ period: 'month' })
    // The first 20 warm up.
    if (index >= 20) latencies.push(performance.now() - before)
  }
  // Throughput over the reads' own time (the writes between them are not counted).
  const readTime = latencies.reduce((sum, value) => sum + value, 0)
  results['dashboard.summary (MANAGER, team, month), alone, uncached (a write in the team before each read)'] = summarise(latencies, 0, readTime)
  for (const client of [manager, admin, sales]) client.closeWebSocket()
  return results
}
