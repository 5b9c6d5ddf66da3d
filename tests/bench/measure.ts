import fs from 'node:fs'
// Latency and throughput measurement shared by the benchmark scenarios.

export interface LatencyStats {
  requests: number
  errors: number
  durationMs: number
  requestsPerSecond: number
  p50Ms: number
  p95Ms: number
  p99Ms: number
  maxMs: number
  /** The first failure's message, when any (errors are counted, not thrown). */
  firstError?: string
}

export function percentile(sorted: number[], fraction: number): number {
  if (sorted.length === 0) return NaN
  const index = Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)
  return sorted[Math.max(0, index)]
}

export function summarise(latencies: number[], errors: number, durationMs: number): LatencyStats {
  const sorted = [...latencies].sort((a, b) => a - b)
  const round = (value: number) => Math.round(value * 100) / 100
  return {
    requests: latencies.length,
    errors,
    durationMs: Math.round(durationMs),
    requestsPerSecond: round((latencies.length / durationMs) * 1000),
    p50Ms: round(percentile(sorted, 0.5)),
    p95Ms: round(percentile(sorted, 0.95)),
    p99Ms: round(percentile(sorted, 0.99)),
    maxMs: round(sorted[sorted.length - 1] ?? NaN),
  }
}

/**
 * Runs `task` `total` times (or until `maxDurationMs` has passed) with `concurrency` in flight,
 * after `warmup` unmeasured runs.
 */
export async function load(
  task: (index: number) => Promise<void>,
  options: { total: number; concurrency: number; warmup?: number; maxDurationMs?: number },
) {
  const maxDurationMs = options.maxDurationMs ?? 20_000
  for (let index = 0; index < (options.warmup ?? 0); index++) await task(index)
  const latencies: number[] = []
  let errors = 0
  let firstError: string | undefined
  let next = 0
  const startedAt = performance.now()
  async function worker() {
    while (next < options.total && performance.now() - startedAt < maxDurationMs) {
      const index = next++
      const begin = performance.now()
      try {
        await task(index)
        latencies.push(performance.now() - begin)
      } catch (error) {
        errors++
        firstError ??= (error as Error).message
      }
    }
  }
  await Promise.all(Array.from({ length: options.concurrency }, worker))
  const stats = summarise(latencies, errors, performance.now() - startedAt)
  return firstError === undefined ? stats : { ...stats, firstError }
}

/** CPU time (user + system) a process has used so far, in seconds (Linux /proc). */
export function processCpuSeconds(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
  return (Number(fields[11]) + Number(fields[12])) / 100
}

/** CPU time every PostgreSQL process has used so far (backends come and go: read all), in seconds. */
export function postgresCpuSeconds(): number {
  let total = 0
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8')
      if (!/\((postgres|postmaster)\)/.test(stat)) continue
      const fields = stat.split(') ')[1].split(' ')
      // Its own time and that of its children that ended (the backends of closed connections).
      total += (Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) / 100
    } catch {
      // The process ended meanwhile.
    }
  }
  return total
}
