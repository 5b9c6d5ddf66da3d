import fs from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import path from 'node:path'
import zlib from 'node:zlib'

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
}

const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.json', '.svg', '.txt', '.webmanifest'])

/**
 * Serves the built client; unknown paths fall back to index.html for client-side routing. Text
 * files are gzipped once and kept in memory (the build's files only change with a new build).
 */
export function createStaticHandler(root: string) {
  const rootDir = path.resolve(root)
  const indexFile = path.join(rootDir, 'index.html')
  const gzipped = new Map<string, { mtimeMs: number; body: Buffer }>()

  function gzippedBody(file: string): Buffer {
    const { mtimeMs } = fs.statSync(file)
    const cached = gzipped.get(file)
    if (cached && cached.mtimeMs === mtimeMs) return cached.body
    const body = zlib.gzipSync(fs.readFileSync(file), { level: 9 })
    gzipped.set(file, { mtimeMs, body })
    return body
  }

  return (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end()
      return
    }
    let pathname: string
    try {
      pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://local').pathname)
    } catch {
      res.writeHead(400).end('Bad request')
      return
    }
    const candidate = path.resolve(rootDir, `.${pathname}`)
    const insideRoot = candidate === rootDir || candidate.startsWith(rootDir + path.sep)
    const file = insideRoot && isFile(candidate) ? candidate : indexFile
    if (!isFile(file)) {
      res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8' })
      res.end('The client is not built: run `npm run build`.')
      return
    }
    const immutable = file.includes(`${path.sep}assets${path.sep}`)
    const headers: Record<string, string> = {
      'Content-Type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
      'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      'X-Content-Type-Options': 'nosniff',
      Vary: 'Accept-Encoding',
    }
    const acceptsGzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))
    if (acceptsGzip && COMPRESSIBLE.has(path.extname(file))) {
      const body = gzippedBody(file)
      res.writeHead(200, { ...headers, 'Content-Encoding': 'gzip', 'Content-Length': String(body.length) })
      res.end(req.method === 'HEAD' ? undefined : body)
      return
    }
    res.writeHead(200, headers)
    if (req.method === 'HEAD') {
      res.end()
      return
    }
    fs.createReadStream(file).pipe(res)
  }
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile()
  } catch {
    return false
  }
}
