import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningApp } from '../../src/server/app.ts'
import { loginAs, type TestClient } from '../support/client.ts'
import { startSecondNode, startTestServer, type TestServer } from '../support/server.ts'

// Two nodes on one database and one Redis: what is written through one node is found, renamed and
// gone through the other at once (no node keeps a stale view of the search index).

let nodeA: TestServer
let nodeB: RunningApp

beforeAll(async () => {
  nodeA = await startTestServer()
  nodeB = await startSecondNode(nodeA, 'search-node-b')
}, 180_000)
afterAll(async () => {
  await nodeB?.close()
  await nodeA?.stop()
})

async function organisationTitles(client: TestClient, q: string): Promise<string[]> {
  const result = await client.trpc.search.query.query({ q, kinds: ['organisation'] })
  return result.groups.flatMap((group) => group.items.map((item) => item.title))
}

describe('search across two nodes', () => {
  it('finds a record written through the other node at once, under its new name after a rename, and not after its deletion', async () => {
    const onA = await loginAs(nodeA.url, 'sales.paris@demo.test')
    const onB = await loginAs(nodeB.url, 'sales.paris@demo.test')
    const stamp = Date.now().toString(36)
    const created = await onA.trpc.organisations.create.mutate({ name: `Mutuelle Quetzal ${stamp}`, type: 'INVESTOR' } as never)

    expect(await organisationTitles(onB, `quetzal ${stamp}`)).toEqual([`Mutuelle Quetzal ${stamp}`])
    // A typo, from the other node too.
    expect(await organisationTitles(onB, `quetzl ${stamp}`)).toContain(`Mutuelle Quetzal ${stamp}`)

    await onB.trpc.organisations.update.mutate({ id: created.id, version: created.version, data: { name: `Caisse Ocelot ${stamp}` } })
    expect(await organisationTitles(onA, `ocelot ${stamp}`)).toEqual([`Caisse Ocelot ${stamp}`])
    expect(await organisationTitles(onA, `quetzal ${stamp}`)).toEqual([])

    const managerOnA = await loginAs(nodeA.url, 'manager.paris@demo.test')
    await managerOnA.trpc.organisations.delete.mutate({ id: created.id } as never)
    expect(await organisationTitles(onB, `ocelot ${stamp}`)).toEqual([])
  })
})
