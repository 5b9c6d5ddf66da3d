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
    return new PrismaPg({ connectionString, allowExitOnIdle: true, idleTimeoutMillis: 50 })
  },
})
