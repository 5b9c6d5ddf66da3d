import { PrismaPg } from '@prisma/adapter-pg'
import { defineConfig } from 'prisma/config'

// Prisma 6.19 with the JavaScript schema engine: migrations run offline through the pg adapter
// (the native schema engine would need a download this network cannot make).
export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  async adapter() {
    const connectionString = process.env.DATABASE_URL
    if (!connectionString) throw new Error('DATABASE_URL must be set to run Prisma migrations')
    // allowExitOnIdle: otherwise idle pool connections keep the CLI alive for ten seconds.
    return wholeScripts(new PrismaPg({ connectionString, allowExitOnIdle: true, idleTimeoutMillis: 50 }))
  },
})

/**
 * The pg adapter runs a migration script by splitting it on every ";", which breaks function bodies
 * (docs/search.md's triggers). The native engine sends the script whole; so does this, in one
 * simple-protocol query, which PostgreSQL runs as one implicit transaction.
 */
function wholeScripts(factory: PrismaPg): PrismaPg {
  const connect = factory.connect.bind(factory)
  factory.connect = async () => {
    const adapter = await connect()
    const onError = (adapter as unknown as { onError(error: unknown): never }).onError.bind(adapter)
    const pool = adapter.underlyingDriver() as { query(sql: string): Promise<unknown> }
    adapter.executeScript = async (script) => {
      try {
        await pool.query(script)
      } catch (error) {
        onError(error)
      }
    }
    return adapter
  }
  return factory
}
