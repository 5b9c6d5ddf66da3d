import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { can, ROLES, type Action } from '../../src/shared/permissions.ts'
import { loginAs } from '../support/client.ts'
import { PROJECT_ROOT } from '../support/processes.ts'
import { startTestServer, type TestServer } from '../support/server.ts'

// The guides tell the truth: every ```sh test snippet runs against a real server and database, the
// roles table is the one the code enforces, and the environment reference lists exactly the variables
// the server reads.

const DOCS = path.join(PROJECT_ROOT, 'docs')
const GUIDES = ['quick-start.md', 'pipeline.md', 'roles.md', 'operations.md', 'faq.md', 'guide-utilisateur.md']
const read = (name: string) => fs.readFileSync(path.join(DOCS, name), 'utf8')

function snippets(markdown: string): string[] {
  return [...markdown.matchAll(/```sh test\n([\s\S]*?)```/g)].map((match) => match[1])
}

let server: TestServer
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'alforis-docs-'))
let env: Record<string, string>

beforeAll(async () => {
  server = await startTestServer({ redis: false })
  const sales = await loginAs(server.url, 'sales.paris@demo.test')
  const created = (await sales.trpc.apiTokens.create.mutate({ name: 'docs', scope: 'READ' })) as { token: string }
  env = {
    BASE_URL: server.url,
    DATABASE_URL: server.database.url,
    BACKUP_DIR: path.join(scratch, 'backups'),
    JAR: path.join(scratch, 'cookies.txt'),
    READ_TOKEN: created.token,
  }
}, 400_000)

afterAll(async () => {
  await server?.stop()
  fs.rmSync(scratch, { recursive: true, force: true })
})

function bash(script: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    let output = ''
    const child = spawn('bash', ['-euo', 'pipefail', '-c', script], { cwd: PROJECT_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
    child.stdout.on('data', (chunk) => (output += chunk))
    child.stderr.on('data', (chunk) => (output += chunk))
    child.once('exit', (code) => resolve({ code, output }))
  })
}

describe('guides', () => {
  it('are linked from the README', () => {
    const readme = fs.readFileSync(path.join(PROJECT_ROOT, 'README.md'), 'utf8')
    for (const guide of GUIDES) expect(readme).toContain(`docs/${guide}`)
  })

  for (const guide of GUIDES.filter((name) => name !== 'guide-utilisateur.md')) {
    it(`${guide}: every "sh test" snippet runs`, async () => {
      const blocks = snippets(read(guide))
      expect(blocks.length).toBeGreaterThan(0)
      for (const block of blocks) {
        const result = await bash(block)
        expect(result.code, `${guide} snippet failed:\n${block}\n${result.output}`).toBe(0)
      }
    })
  }

  it('roles.md holds the table the code enforces (SPEC §3)', () => {
    const rows = new Map(
      read('roles.md')
        .split('\n')
        .filter((line) => /^\| [a-z]/.test(line) && line.split('|').length === 7)
        .map((line) => line.split('|').slice(1, -1).map((cell) => cell.trim()))
        .map(([action, ...cells]) => [action, cells]),
    )
    const actions: Record<string, Action> = {
      'see records': 'record:read',
      'create / update records': 'record:write',
      'delete records': 'record:delete',
      'import data': 'data:import',
      'export data': 'data:export',
      'manage users and teams': 'users:manage',
      'manage webhooks, API tokens of others': 'webhooks:manage',
      'own API tokens': 'tokens:own',
    }
    for (const [label, action] of Object.entries(actions)) {
      const cells = rows.get(label)
      expect(cells, label).toBeDefined()
      ROLES.forEach((role, index) => expect(cells![index] !== 'no', `${label} / ${role}`).toBe(can(role, action)))
    }
  })

  it('operations.md lists exactly the environment variables the server reads', () => {
    const source = fs.readFileSync(path.join(PROJECT_ROOT, 'src/server/config.ts'), 'utf8')
    const schema = source.slice(source.indexOf('const envSchema'), source.indexOf('export type Config'))
    const read_ = new Set([...schema.matchAll(/^ {2}([A-Z][A-Z0-9_]+):/gm)].map((match) => match[1]))
    const documented = new Set([...read('operations.md').matchAll(/^\| `([A-Z][A-Z0-9_]+)` \|/gm)].map((match) => match[1]))
    expect([...documented].sort()).toEqual([...read_].sort())
  })

  it('docker-compose.yml sets or passes through every documented variable', () => {
    const compose = fs.readFileSync(path.join(PROJECT_ROOT, 'docker-compose.yml'), 'utf8')
    const environment = compose.slice(compose.indexOf('environment: &app-env'), compose.indexOf('volumes:', compose.indexOf('environment: &app-env')))
    const set = new Set([...environment.matchAll(/^ {6}([A-Z][A-Z0-9_]+):/gm)].map((match) => match[1]))
    // The stack runs its own PostgreSQL: the embedded database's variables do not apply (nor the
    // embedded default's generated TOTP key file: with a DATABASE_URL the key itself is required).
    const notApplicable = new Set(['EMBEDDED_PG_DIR', 'EMBEDDED_PG_PORT', 'TOTP_ENCRYPTION_KEY_FILE'])
    const documented = [...read('operations.md').matchAll(/^\| `([A-Z][A-Z0-9_]+)` \|/gm)].map((match) => match[1])
    expect(documented.filter((name) => !notApplicable.has(name) && !set.has(name))).toEqual([])
    expect([...set].filter((name) => !documented.includes(name))).toEqual([])
  })

  it('the French user guide covers first login, the board, editing together and notifications', () => {
    const guide = read('guide-utilisateur.md')
    for (const heading of ['## Première connexion', '## Le pipeline', '## Modifier à plusieurs', '## Notifications']) {
      expect(guide).toContain(heading)
    }
  })
})
