import fs from 'node:fs'
import { loginAs } from '../support/client.ts'
import type { ServerProcess } from '../support/processes.ts'

export interface ExportMeasure {
  format: string
  rows: number
  seconds: number
  rowsPerSecond: number
  bytes: number
  rssBeforeMb: number
  rssPeakMb: number
  rssGrowthMb: number
  /** CPU time the server spent (user + system): comparable across loaded and idle machines. */
  serverCpuSeconds: number
}

function cpuSeconds(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
  return (Number(fields[11]) + Number(fields[12])) / 100
}

function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8')
  return Number(status.match(/^VmRSS:\s+(\d+)/m)?.[1] ?? 0) / 1024
}

/**
 * Downloads exports from a server process as an admin (every organisation) and measures time, rows/s
 * and the server's resident memory (sampled every 20 ms): CSV and Excel of all organisations, PDF of
 * the largest team × stage slice under the PDF cap.
 */
export async function benchExports(node: ServerProcess): Promise<ExportMeasure[]> {
  const admin = await loginAs(node.url, 'admin@demo.test')
  const pid = node.child.pid!
  const teams = await admin.trpc.teams.list.query({})
  const stages = ['PROSPECT', 'QUALIFIED', 'PROPOSAL', 'NEGOTIATION', 'WON', 'LOST'] as const
  let pdfFilters: Record<string, unknown> = {}
  let best = 0
  for (const team of teams.items) {
    for (const stage of stages) {
      const { total, totalCapped } = await admin.trpc.organisations.list.query({ teamId: team.id, stage: [stage], limit: 1 })
      if (!totalCapped && total <= 10_000 && total > best) [best, pdfFilters] = [total, { teamId: team.id, stage: [stage] }]
    }
  }

  async function measure(format: string, filters: Record<string, unknown>): Promise<ExportMeasure> {
    global.gc?.()
    await new Promise((resolve) => setTimeout(resolve, 500))
    const rssBefore = rssMb(pid)
    let peak = rssBefore
    const sampler = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 20)
    const cpuBefore = cpuSeconds(pid)
    const startedAt = performance.now()
    const response = await fetch(`${node.url}/api/exports/organisations.${format}?filters=${encodeURIComponent(JSON.stringify(filters))}`, {
      headers: { cookie: admin.jar.header() },
    })
    if (response.status !== 200) throw new Error(`${format}: HTTP ${response.status} ${await response.text()}`)
    let bytes = 0
    for await (const chunk of response.body!) bytes += (chunk as Uint8Array).byteLength
    const seconds = (performance.now() - startedAt) / 1000
    clearInterval(sampler)
    peak = Math.max(peak, rssMb(pid))
    const serverCpuSeconds = cpuSeconds(pid) - cpuBefore
    const rows = Number(response.headers.get('x-export-rows'))
    const round = (value: number) => Math.round(value * 100) / 100
    return {
      format,
      rows,
      seconds: round(seconds),
      rowsPerSecond: Math.round(rows / seconds),
      bytes,
      rssBeforeMb: Math.round(rssBefore),
      rssPeakMb: Math.round(peak),
      rssGrowthMb: Math.round(peak - rssBefore),
      serverCpuSeconds: round(serverCpuSeconds),
    }
  }

  const results = [
    await measure('csv', {}),
    await measure('xlsx', {}),
    await measure('pdf', pdfFilters),
  ]
  admin.closeWebSocket()
  return results
}
