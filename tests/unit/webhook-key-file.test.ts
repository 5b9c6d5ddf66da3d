import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'
import { PROJECT_ROOT } from '../support/processes.ts'

const run = promisify(execFile)
const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'webhook-key-'))
afterAll(() => fs.rmSync(folder, { recursive: true, force: true }))

/** Reads (or creates) the key in a process of its own, as a node starting up does. */
async function keyInProcess(file: string): Promise<string> {
  const script = `import { keyFromFile } from './src/server/infra/secret-box.ts'; process.stdout.write(keyFromFile(${JSON.stringify(file)}, 'WEBHOOK_SECRET_KEY'))`
  const { stdout } = await run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: PROJECT_ROOT })
  return stdout
}

describe('the generated webhook key file', () => {
  it('gives every node starting at once the same non-empty key, and leaves no draft behind', async () => {
    const file = path.join(folder, 'shared', 'webhook-secret.key')
    const keys = await Promise.all(Array.from({ length: 6 }, () => keyInProcess(file)))
    expect(Buffer.from(keys[0], 'base64')).toHaveLength(32)
    expect(new Set(keys)).toEqual(new Set([keys[0]]))
    expect(fs.readdirSync(path.dirname(file))).toEqual(['webhook-secret.key'])
    expect(fs.statSync(file).mode & 0o777).toBe(0o600)
    expect(await keyInProcess(file)).toBe(keys[0])
  }, 60_000)

  it('refuses an empty key file instead of encrypting with an empty key', async () => {
    const file = path.join(folder, 'empty.key')
    fs.writeFileSync(file, '')
    await expect(keyInProcess(file)).rejects.toThrow(/is empty/)
  }, 30_000)
})
