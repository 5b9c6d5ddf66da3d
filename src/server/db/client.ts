import { PrismaPg } from '@prisma/adapter-pg'
import { PrismaClient } from './generated/client.ts'

export { Prisma } from './generated/client.ts'
export type { PrismaClient }

export function createPrismaClient(connectionString: string, poolSize = 20): PrismaClient {
  return new PrismaClient({
    adapter: new PrismaPg({ connectionString, max: poolSize }),
    // Writes queue behind the event log's lock under contention: wait for a connection rather than fail.
    transactionOptions: { maxWait: 10_000, timeout: 20_000 },
  })
}
