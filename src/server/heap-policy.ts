import v8 from 'node:v8'

/**
 * How far V8 lets the old space grow past what was alive after the last full collection before it
 * collects again: 1.2× (`HEAP_GROWING_PERCENT`, default 20; 0 leaves V8's own). Left to itself, V8
 * picks a factor up to 4× when a process allocates fast, and an import's planning (100,000 rows,
 * planned for the dry run and again for the run) left the server 215–290 MB above its baseline,
 * mostly garbage no collection had been asked to reclaim; at 1.2×, 150–175 MB. See docs/imports.md
 * ("Memory"). Imported first by main.ts, so it holds from the first collection.
 */
export const HEAP_GROWING_PERCENT = Number(process.env.HEAP_GROWING_PERCENT ?? 20)

if (HEAP_GROWING_PERCENT > 0) v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`)
