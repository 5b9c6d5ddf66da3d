import { loadConfig } from '../config.ts'
import { logger } from '../logger.ts'
import { openDatabase } from './database.ts'

// `npm run db:migrate`: apply migrations to DATABASE_URL, or to the embedded database.
const database = await openDatabase(loadConfig(), logger)
logger.info({ embedded: database.embedded }, 'migrations applied')
await database.close()
