import fs from 'node:fs'
import { spawn, type ChildProcess } from 'node:child_process'
import net from 'node:net'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { TEST_TOTP_ENCRYPTION_KEY } from './env.ts'

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

export async function freePort(): Promise<number> {
  const server = net.createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as net.AddressInfo
  await new Promise((resolve) => server.close(resolve))
  return port
}

export interface ServerProcess {
  url: string
  child: ChildProcess
  output(): string
  /** Sends SIGTERM and resolves with the exit code. */
  stop(): Promise<number | null>
}

/** Starts the real server as its own process (`node src/server/main.ts`), as production runs it. */
export async function startServerProcess(
  env: Record<string, string>,
  timeoutMs = 90_000,
  cwd = PROJECT_ROOT,
): Promise<ServerProcess> {
  const port = Number(env.PORT ?? (await freePort()))
  let output = ''
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !['DATABASE_URL', 'REDIS_URL', 'PORT', 'NODE_OPTIONS'].includes(key) && !key.startsWith('VITEST')),
  )
  // SERVER_CPU_PROF_DIR=<dir>: each server writes a V8 CPU profile there when it stops (benchmarks).
  const profile = process.env.SERVER_CPU_PROF_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.SERVER_CPU_PROF_DIR}`] : []
  // SERVER_TRACE_GC_DIR=<dir>: each server logs its garbage collections (--trace-gc) to <dir>/<NODE_ID>.log.
  const trace = process.env.SERVER_TRACE_GC_DIR ? ['--trace-gc'] : []
  // SERVER_NODE_FLAGS='--flag …': extra Node/V8 flags for every server (benchmark experiments).
  const extra = process.env.SERVER_NODE_FLAGS?.split(/\s+/).filter(Boolean) ?? []
  const child = spawn(process.execPath, [...profile, ...trace, ...extra, '--import', 'tsx', 'src/server/main.ts'], {
    cwd,
    env: { ...inherited, NODE_ENV: 'production', HOST: '127.0.0.1', TOTP_ENCRYPTION_KEY: TEST_TOTP_ENCRYPTION_KEY, ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout!.on('data', (chunk) => (output += chunk))
  if (process.env.SERVER_TRACE_GC_DIR) child.stdout!.pipe(fs.createWriteStream(`${process.env.SERVER_TRACE_GC_DIR}/${env.NODE_ID ?? port}.log`))
  child.stderr!.on('data', (chunk) => (output += chunk))
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  const url = `http://127.0.0.1:${port}`
  const deadline = Date.now() + timeoutMs
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited during start-up:\n${output}`)
    if (Date.now() > deadline) {
      child.kill('SIGKILL')
      throw new Error(`server not ready after ${timeoutMs} ms:\n${output}`)
    }
    const ready = await fetch(`${url}/readyz`).then((response) => response.ok, () => false)
    if (ready) break
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  return {
    url,
    child,
    output: () => output,
    async stop() {
      const stopping = child.exitCode === null
      if (stopping) child.kill('SIGTERM')
      const code = await exited
      // A graceful stop that failed (its shutdown timed out: main.ts) says why in the test's output.
      if (stopping && code !== 0) console.warn(`server ${env.NODE_ID ?? port} exited with ${code} on SIGTERM:\n${output.slice(-2000)}`)
      return code
    },
  }
}

export interface PrivateRedis {
  url: string
  /** Starts it (again, on the same port) and waits until it accepts connections. */
  start(): Promise<void>
  /** Kills it (SIGKILL, as a crash would) and waits for it to exit. */
  stop(): Promise<void>
}

/**
 * A throwaway redis-server of a test's own, on a free port, started: a test that stops it never
 * touches the Redis other tests share.
 */
export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await freePort()
  let child: ChildProcess | undefined
  const redis: PrivateRedis = {
    url: `redis://127.0.0.1:${port}`,
    async start() {
      child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' })
      for (let attempt = 0; attempt < 50; attempt++) {
        const up = await new Promise<boolean>((resolve) => {
          const socket = net.createConnection(port, '127.0.0.1')
          socket.once('connect', () => (socket.destroy(), resolve(true)))
          socket.once('error', () => resolve(false))
        })
        if (up) return
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
      throw new Error('redis did not start')
    },
    async stop() {
      const process = child
      child = undefined
      if (!process || process.exitCode !== null) return
      const exited = new Promise((resolve) => process.once('exit', resolve))
      process.kill('SIGKILL')
      await exited
    },
  }
  await redis.start()
  return redis
}
