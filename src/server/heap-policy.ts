import v8 from 'node:v8'

/**
 * How far V8 lets the old space grow past what was alive after the last full collection before it
 * collects again: 1.2× by default (`HEAP_GROWING_PERCENT` 20; 0 leaves V8's own factor). Left to
 * itself, V8 picks a factor up to 4× when a process allocates fast, and an import's planning
 * (100,000 rows, planned for the dry run and again for the run) left the server 215–290 MB above its
 * baseline, mostly garbage no collection had been asked to reclaim; at 1.2×, 150–175 MB. See
 * docs/imports.md ("Memory"). Applied by main.ts before the app starts; V8 reads it each time it sets
 * the next collection's limit.
 */
export function applyHeapPolicy(growingPercent: number) {
  if (growingPercent > 0) v8.setFlagsFromString(`--heap-growing-percent=${growingPercent}`)
}
