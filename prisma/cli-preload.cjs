// Preloaded into Prisma's CLI by src/server/db/migrate.ts. Prisma 6.19's WASM schema engine leaves a
// 10-second timer pending after a command has finished, which holds the process open; unref'ing
// long timers lets the CLI exit as soon as its work is done (work in progress keeps it alive).
const originalSetTimeout = global.setTimeout
global.setTimeout = function setTimeoutUnrefLong(callback, delay, ...args) {
  const timer = originalSetTimeout(callback, delay, ...args)
  if (delay >= 5000 && typeof timer?.unref === 'function') timer.unref()
  return timer
}
