import v8 from 'node:v8'

// A large import's memory is mostly garbage, not data: V8 lets its old space grow to two or three
// times what was alive at its last full collection before collecting again, and planning or writing
// 100,000 rows promotes a lot there (the parsed cells, the matching maps, what each chunk's round
// trip kept alive), dead soon after. This guard keeps the heap within HEAP_SLACK_BYTES of what is
// alive: checked between steps, it runs a full collection (~0.1–0.2 s with a 100,000-row plan) once
// the heap has grown by the slack since the last one, a few times per 100,000 rows.

/** Heap growth allowed between two full collections. */
const HEAP_SLACK_BYTES = 64 * 1024 * 1024

/**
 * V8's full collection, when the server was started with `--expose-gc` (as `npm start`, the Dockerfile
 * and the tests' server processes start it). Without the flag the guard does nothing: flags changed
 * at run time (`v8.setFlagsFromString`) are unsupported by Node.
 */
const gc = (globalThis as { gc?: () => void }).gc

function fullCollection(): void {
  gc?.()
}

const usedHeap = () => v8.getHeapStatistics().used_heap_size

export interface HeapGuard {
  /** A full collection if the heap has grown by the slack since the last one (or since the guard began). */
  check(): void
  /** A full collection now. */
  collect(): void
}

export function heapGuard(): HeapGuard {
  let limit = usedHeap() + HEAP_SLACK_BYTES
  const collectNow = () => {
    fullCollection()
    limit = usedHeap() + HEAP_SLACK_BYTES
  }
  return {
    check() {
      if (usedHeap() > limit) collectNow()
    },
    collect: collectNow,
  }
}
