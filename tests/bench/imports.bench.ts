import fs from 'node:fs'
import { createPrismaClient } from '../../src/server/db/client.ts'
import { migrateDatabase } from '../../src/server/db/migrate.ts'
import { seedDemo } from '../../src/server/db/seed.ts'
import { loginAs, type TestClient } from '../support/client.ts'
import { createEmptyDatabase } from '../support/database.ts'
import { TEST_REDIS_URL } from '../support/env.ts'
import { upload, zipBomb } from '../support/import-fixtures.ts'
import { startServerProcess, type ServerProcess } from '../support/processes.ts'

// Imports (issue #10): a 10,000-row and a 100,000-row CSV of organisations with one person each,
// through a real server process on a database of its own: rows/s for the dry run and the import,
// the server's peak RSS while it runs, and how fast a zip bomb is refused.

export interface ImportBenchRow {
  rows: number
  fileMb: number
  uploadMs: number
  dryRunMs: number
  dryRunRowsPerSecond: number
  importMs: number
  importRowsPerSecond: number
  baselineRssMb: number
  peakRssMb: number
  rssGrowthMb: number
  /** Peak RSS while uploading, dry-running and importing, to tell where the growth comes from. */
  phasePeakRssMb: { upload: number; dryRun: number; import: number }
}

export interface ImportBench {
  files: ImportBenchRow[]
  zipBomb: { honestMs: number; lyingMs: number; declaredGb: number }
}

function csv(rows: number, tag: string): Buffer {
  const lines = ['Raison sociale;Type;Étape;Montant potentiel;Ville;Prénom;Nom;E-mail;Fonction']
  for (let index = 1; index <= rows; index++) {
    lines.push(`Société ${tag} ${index};Investisseur;Prospect;${index} 250,50 €;Paris;Prénom${index};Nom${index};p${index}@${tag}.test;Directeur`)
  }
  return Buffer.from(lines.join('\r\n'))
}

/** Resident memory of a process, from /proc (Linux): current, in megabytes. */
function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8')
  return Number(status.match(/VmRSS:\s+(\d+)/)?.[1] ?? 0) / 1024
}

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now()
  const result = await work()
  return [result, performance.now() - started]
}

async function runOne(server: ServerProcess, client: TestClient, rows: number): Promise<ImportBenchRow> {
  const pid = server.child.pid!
  const data = csv(rows, `bench${rows}`)
  const baselineRssMb = rssMb(pid)
  let peakRssMb = baselineRssMb
  let phasePeak = baselineRssMb
  const phasePeakRssMb = { upload: 0, dryRun: 0, import: 0 }
  const endPhase = (phase: keyof typeof phasePeakRssMb) => {
    phasePeakRssMb[phase] = Math.round(Math.max(phasePeak, rssMb(pid)))
    phasePeak = 0
  }
  const started = performance.now()
  let phase = 'upload'
  const trace: string[] = []
  const sampler = setInterval(() => {
    const current = rssMb(pid)
    peakRssMb = Math.max(peakRssMb, current)
    phasePeak = Math.max(phasePeak, current)
    trace.push(`${Math.round(performance.now() - started)}\t${phase}\t${Math.round(current)}`)
  }, 50)
  try {
    const [uploaded, uploadMs] = await timed(() => upload(server.url, client, `bench-${rows}.csv`, data))
    endPhase('upload')
    phase = 'dryRun'
    if (uploaded.status !== 201) throw new Error(`upload refused: ${JSON.stringify(uploaded.body)}\n${server.output().slice(-3000)}`)
    const id = uploaded.body.id as string
    const preview = await client.trpc.imports.preview.query({ id })
    const [, dryRunMs] = await timed(() => client.trpc.imports.dryRun.mutate({ id, mapping: preview.mapping, duplicatePolicy: 'skip' }))
    endPhase('dryRun')
    phase = 'import'
    const [done, importMs] = await timed(async () => {
      await client.trpc.imports.start.mutate({ id })
      for (;;) {
        const current = await client.trpc.imports.byId.query({ id })
        if (!['QUEUED', 'RUNNING'].includes(current.status)) return current
        await new Promise((resolve) => setTimeout(resolve, 50))
      }
    })
    endPhase('import')
    if (done.status !== 'SUCCEEDED') throw new Error(`import ${done.status}: ${done.failureMessage}\n${server.output().slice(-3000)}`)
    return {
      rows,
      fileMb: Math.round((data.length / 1024 / 1024) * 10) / 10,
      uploadMs: Math.round(uploadMs),
      dryRunMs: Math.round(dryRunMs),
      dryRunRowsPerSecond: Math.round(rows / (dryRunMs / 1000)),
      importMs: Math.round(importMs),
      importRowsPerSecond: Math.round(rows / (importMs / 1000)),
      baselineRssMb: Math.round(baselineRssMb),
      peakRssMb: Math.round(peakRssMb),
      rssGrowthMb: Math.round(peakRssMb - baselineRssMb),
      phasePeakRssMb,
    }
  } finally {
    clearInterval(sampler)
    // BENCH_IMPORT_TRACE=<dir>: the server's RSS every 50 ms, with the phase, per file size.
    if (process.env.BENCH_IMPORT_TRACE) fs.writeFileSync(`${process.env.BENCH_IMPORT_TRACE}/imports-${rows}.tsv`, `${trace.join('\n')}\n`)
  }
}

export async function benchImports(log: (line: string) => void): Promise<ImportBench> {
  const database = await createEmptyDatabase()
  await migrateDatabase(database.url)
  const prisma = createPrismaClient(database.url, 2)
  await seedDemo(prisma, { password: 'demo1234' })
  await prisma.$disconnect()
  const server = await startServerProcess({ DATABASE_URL: database.url, REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: `bench-imports:${database.name}:`, SEED_DEMO: 'false', LOG_LEVEL: 'warn', NODE_ID: 'bench-imports' })
  try {
    const client = await loginAs(server.url, 'sales.paris@demo.test')
    const files: ImportBenchRow[] = []
    for (const rows of (process.env.BENCH_IMPORT_ROWS ?? '10000,100000').split(',').map(Number)) {
      log(`imports: ${rows} rows…`)
      const row = await runOne(server, client, rows)
      log(`imports: ${rows} rows: peak RSS ${row.phasePeakRssMb.upload} MB uploading, ${row.phasePeakRssMb.dryRun} MB dry-running, ${row.phasePeakRssMb.import} MB importing`)
      files.push(row)
    }
    log('imports: zip bomb…')
    const honest = zipBomb(1_000)
    const lying = zipBomb(1_000, { lie: true })
    const [honestAnswer, honestMs] = await timed(() => upload(server.url, client, 'bomb.xlsx', honest))
    const [lyingAnswer, lyingMs] = await timed(() => upload(server.url, client, 'bomb.xlsx', lying))
    if (honestAnswer.status !== 400 || lyingAnswer.status !== 400) throw new Error('a zip bomb was not refused')
    client.closeWebSocket()
    return { files, zipBomb: { honestMs: Math.round(honestMs), lyingMs: Math.round(lyingMs), declaredGb: 1 } }
  } finally {
    await server.stop()
    await database.drop()
  }
}
