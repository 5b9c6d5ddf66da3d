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
  let next = 0
  const startedAt = performance.now()
  async function worker() {
    while (next < options.total && performance.now() - startedAt < maxDurationMs) {
      const index = next++
      const begin = performance.now()
      try {
        await task(index)
        latencies.push(performance.now() - begin)
      } catch {
        errors++
      }
    }
  }
  await Promise.all(Array.from({ length: options.concurrency }, worker))
  return summarise(latencies, errors, performance.now() - startedAt)
}
