import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import path from 'node:path'
import zlib from 'node:zlib'
import { CSP_NONCE_PLACEHOLDER } from './security-headers.ts'

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
export function createStaticHandler(root: string, options: { policy?: (nonce: string) => string } = {}) {
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
    // Source maps are built for error reports and coverage, not published: they would hand out
    // the application's source.
    if (pathname.endsWith('.map')) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' }).end('Not found')
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
    if (file === indexFile && options.policy) return sendPage(req, res, file, options.policy)
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

/**
 * index.html with a fresh nonce per response, in its Content-Security-Policy and in the page's
 * <meta name="csp-nonce"> (read by the client for the <style> elements it must create).
 */
function sendPage(req: IncomingMessage, res: ServerResponse, file: string, policy: (nonce: string) => string) {
  const nonce = randomBytes(16).toString('base64')
  const html = fs.readFileSync(file, 'utf8').replaceAll(CSP_NONCE_PLACEHOLDER, nonce)
  const acceptsGzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))
  const body = acceptsGzip ? zlib.gzipSync(html) : Buffer.from(html)
  res.writeHead(200, {
    'Content-Type': CONTENT_TYPES['.html'],
    'Cache-Control': 'no-store',
    'Content-Security-Policy': policy(nonce),
    'X-Content-Type-Options': 'nosniff',
    Vary: 'Accept-Encoding',
    'Content-Length': String(body.length),
    ...(acceptsGzip ? { 'Content-Encoding': 'gzip' } : {}),
  })
  res.end(req.method === 'HEAD' ? undefined : body)
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile()
  } catch {
    return false
  }
}
