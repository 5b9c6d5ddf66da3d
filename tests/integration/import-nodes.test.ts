import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningApp } from '../../src/server/app.ts'
import { loginAs } from '../support/client.ts'
import { settled, upload } from '../support/import-fixtures.ts'
import { startSecondNode, startTestServer, type TestServer } from '../support/server.ts'
import { connectSocket } from '../support/socket.ts'

// Two nodes on one database and one Redis: an import started through node A runs once (on whichever
// node's worker takes the job), and its live progress reaches a tab connected to node B.

let nodeA: TestServer
let nodeB: RunningApp

beforeAll(async () => {
  nodeA = await startTestServer()
  nodeB = await startSecondNode(nodeA, 'import-node-b')
}, 180_000)
afterAll(async () => {
  await nodeB?.close()
  await nodeA?.stop()
})

describe('imports across two nodes', () => {
  it('shows the progress of an import started on node A to a tab on node B, and runs it once', async () => {
    const onA = await loginAs(nodeA.url, 'sales.paris@demo.test')
    const onB = await loginAs(nodeB.url, 'sales.paris@demo.test')
    const socketB = await connectSocket(nodeB.url, onB)
    try {
      const lines = ['Société;Prénom;Nom;E-mail']
      for (let index = 1; index <= 10_000; index++) lines.push(`Deux Nœuds ${index};Prénom${index};Nom${index};n${index}@deux-noeuds.test`)
      const uploaded = await upload(nodeA.url, onA, 'deux-noeuds.csv', Buffer.from(lines.join('\n')))
      const id = uploaded.body.id as string
      const preview = await onA.trpc.imports.preview.query({ id })
      await onA.trpc.imports.dryRun.mutate({ id, mapping: preview.mapping, duplicatePolicy: 'skip' })
      await onA.trpc.imports.start.mutate({ id })

      const finished = await socketB.waitFor((event) => event.type === 'import.updated' && event.payload.importId === id && event.payload.status === 'SUCCEEDED', 60_000)
      expect(finished.payload).toMatchObject({ rowsDone: 10_000, totalRows: 10_000 })
      const progress = socketB.events.filter((event) => event.type === 'import.progress' && event.payload.importId === id).map((event) => event.payload)
      expect(progress.length).toBeGreaterThan(1)
      expect(progress[0]).toMatchObject({ status: 'RUNNING', rowsDone: 0, totalRows: 10_000 })
      const done = progress.map((payload) => payload.rowsDone as number)
      expect(done).toEqual([...done].sort((a, b) => a - b))
      expect(progress.every((payload) => typeof payload.rowsPerSecond === 'number')).toBe(true)

      // Node B reads the same state; every record was written once.
      const fromB = await settled(onB, id)
      expect(fromB.status).toBe('SUCCEEDED')
      const prisma = nodeA.deps.prisma
      expect(await prisma.organisation.count({ where: { name: { startsWith: 'Deux Nœuds ' } } })).toBe(10_000)
      expect(await prisma.importRecord.count({ where: { importId: id } })).toBe(30_000)
    } finally {
      socketB.close()
    }
  }, 110_000)
})
