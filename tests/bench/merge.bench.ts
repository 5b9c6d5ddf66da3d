import { createTestClient, loginAs } from '../support/client.ts'
import { ORGANISATION_FIELDS, organisationValue, outcomeOf, type WriteOutcome } from '../support/concurrent-edits.ts'
import type { ServerProcess } from '../support/processes.ts'
import { percentile } from './measure.ts'

const ROUNDS = Number(process.env.BENCH_MERGE_ROUNDS ?? 20)
const WRITERS = ['sales.paris@demo.test', 'manager.paris@demo.test', 'admin@demo.test']
const round2 = (value: number) => Math.round(value * 100) / 100

export interface MergeFigures {
  writers: number
  rounds: number
  writes: number
  accepted: number
  /** Accepted writes over the writes that should have been accepted (one per distinct field and round). */
  mergeRate: number
  /** Refused although no write of the same field had been accepted before it. */
  falseConflicts: number
  failures: number
  p50Ms: number
  p95Ms: number
}

/**
 * N writers (half through each node) save one field each of one organisation, all from the same
 * base version and at the same moment. Writer i sets field i mod 10: with 10 writers every field is
 * distinct and all should be accepted; with 50, five writers share each field and exactly one per
 * field should win.
 */
export async function benchConcurrentFieldWriters(nodeA: ServerProcess, nodeB: ServerProcess, counts = [10, 50]) {
  const sessions = await Promise.all(
    [nodeA, nodeB].flatMap((node) => WRITERS.map(async (email) => ({ node, jar: (await loginAs(node.url, email)).jar }))),
  )
  const creator = createTestClient(nodeA.url, { jar: sessions[0].jar }).trpc
  const figures: MergeFigures[] = []
  for (const count of counts) {
    // One client per writer, so that no two writes share an HTTP batch.
    const clients = Array.from({ length: count }, (_, index) => {
      const session = sessions[index % sessions.length]
      return createTestClient(session.node.url, { jar: session.jar }).trpc
    })
    const organisation = await creator.organisations.create.mutate({ name: `Merge bench ${count} ${Date.now()}`, type: 'INVESTOR' })
    const outcomes: WriteOutcome[] = []
    let failures = 0
    let falseConflicts = 0
    for (let round = 0; round < ROUNDS; round++) {
      const { version } = await creator.organisations.byId.query({ id: organisation.id })
      const results = await Promise.all(
        clients.map((client, index) => {
          const field = ORGANISATION_FIELDS[index % ORGANISATION_FIELDS.length]
          const data = { [field]: organisationValue(field, round, index) }
          return outcomeOf(() => client.organisations.update.mutate({ id: organisation.id, version, data })).catch(() => {
            failures++
            return null
          })
        }),
      )
      results.forEach((result, index) => {
        if (!result) return
        outcomes.push(result)
        const field = ORGANISATION_FIELDS[index % ORGANISATION_FIELDS.length]
        if (!result.ok && !result.conflictFields?.includes(field)) falseConflicts++
      })
    }
    const accepted = outcomes.filter((outcome) => outcome.ok).length
    const expected = Math.min(count, ORGANISATION_FIELDS.length) * ROUNDS
    const sorted = outcomes.map((outcome) => outcome.ms).sort((a, b) => a - b)
    figures.push({
      writers: count,
      rounds: ROUNDS,
      writes: count * ROUNDS,
      accepted,
      mergeRate: round2(accepted / expected),
      falseConflicts,
      failures,
      p50Ms: round2(percentile(sorted, 0.5)),
      p95Ms: round2(percentile(sorted, 0.95)),
    })
  }
  return figures
}
