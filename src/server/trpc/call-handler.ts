import type { IncomingMessage, ServerResponse } from 'node:http'
import type { AnyRouter } from '@trpc/server'
import {
  getAcceptHeader,
  getErrorShape,
  getHTTPStatusCode,
  getProcedureAtPath,
  getTRPCErrorFromUnknown,
  transformTRPCResponse,
  type AnyProcedure,
  type TRPCError,
} from '@trpc/server/unstable-core-do-not-import'

// The calls screens and scripts make, answered on the node request and response themselves: GET
// queries, one or a batch (httpBatchLink), and JSON POSTs of mutations (or of queries, with method
// override). tRPC's node adapter turns every request into a fetch `Request` (URL, Headers,
// AbortSignals, a web stream for the body) and reads its `Response` back through a web stream; for
// a cached answer that was most of the server's time (1.45 ms of CPU per cached `byId` against
// 0.45 ms for a bare handler doing the same lookups). This answers exactly as `resolveResponse` does
// for such calls: the same procedures (middlewares, input parsing, the transformer), the same
// context, the same error shapes and status codes, the same `onError`. Anything else
// (subscriptions, streaming, form data and binary bodies, bodies without a length or over the
// limit, unknown procedures, mixed batches, malformed input) goes to tRPC's own handler; a JSON body
// already read goes there as `req.body`, which tRPC's node adapter reads instead of the stream.

interface CallHandlerOptions<TRouter extends AnyRouter> {
  router: TRouter
  /** Where procedures start in the URL, with its slashes (`/trpc/`). */
  basePath: string
  /** As tRPC's handler is configured: POSTed queries, and the largest body. */
  allowMethodOverride?: boolean
  maxBodySize: number
  createContext: (opts: { req: IncomingMessage; res: ServerResponse; info: { connectionParams: null; isBatchCall: boolean } }) => Promise<unknown>
  onError?: (opts: { error: TRPCError; path: string; input: unknown; ctx: unknown; type: 'query' | 'mutation'; req: IncomingMessage }) => void
}

/** Returns false, having written nothing, when the request is not a plain call (see above). */
export function createCallHandler<TRouter extends AnyRouter>(options: CallHandlerOptions<TRouter>) {
  const { router, basePath } = options
  const config = router._def._config

  async function handleCall(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    let calls: Calls | false
    try {
      calls = await callsOf(req)
    } catch (error) {
      // A body that stopped arriving (the client went away): nobody to answer.
      if (error instanceof BodyNotRead) {
        res.destroy()
        return true
      }
      return false // tRPC's handler says what is wrong with it
    }
    if (!calls) return false
    try {
      await answer(req, res, calls)
    } catch (cause) {
      // As tRPC's node adapter answers a failure of its own (internal_exceptionHandler): never an
      // unhandled rejection.
      const error = getTRPCErrorFromUnknown(cause)
      options.onError?.({ error, path: calls.paths.join(','), input: undefined, ctx: undefined, type: calls.type, req })
      if (res.headersSent) return true
      try {
        const shape = getErrorShape({ config, error, type: 'unknown', path: undefined, input: undefined, ctx: undefined })
        res.statusCode = shape.data.httpStatus
        res.end(JSON.stringify(transformTRPCResponse(config, { error: shape })))
      } catch {
        res.statusCode = 500
        res.end()
      }
    }
    return true
  }

  /** The calls of a plain request, their inputs read; false for anything else (see above). */
  async function callsOf(req: IncomingMessage): Promise<Calls | false> {
    const post = req.method === 'POST'
    // A streamed answer (httpBatchStreamLink: `trpc-accept`, or `accept: application/jsonl`), as tRPC
    // reads the headers: tRPC's handler.
    if ((req.method !== 'GET' && !post) || getAcceptHeader(nodeHeaders(req)) !== null) return false
    // A body this handler reads whole: JSON (as tRPC matches its content type), of a stated length
    // within the limit. Anything else is not read here.
    const length = post ? Number(req.headers['content-length']) : 0
    if (post && (!isJson(req.headers['content-type']) || !Number.isSafeInteger(length) || length < 0 || length > options.maxBodySize)) return false
    const url = new URL(req.url ?? '/', 'http://node')
    if (!url.pathname.startsWith(basePath)) return false
    let path: string
    try {
      path = decodeURIComponent(url.pathname.slice(basePath.length))
    } catch {
      return false
    }
    const isBatchCall = url.searchParams.get('batch') === '1'
    const paths = isBatchCall ? path.split(',') : [path]
    const procedures = (await Promise.all(paths.map((each) => getProcedureAtPath(router, each)))) as Array<AnyProcedure | null>
    const type = procedures[0]?._def.type
    // What the method may call (mutations are POSTed; queries too with method override), one type per batch.
    const callable = post ? type === 'mutation' || (type === 'query' && options.allowMethodOverride === true) : type === 'query'
    if (!callable || procedures.some((procedure) => procedure?._def.type !== type)) return false

    // The inputs as `getRequestInfo` reads them, read before answering: a malformed one goes to tRPC
    // (a body read here goes with the request, as `req.body`).
    let inputs: unknown[]
    let text: string | null
    if (post) {
      text = await readBody(req)
      ;(req as IncomingMessage & { body?: string }).body = text
    } else {
      text = url.searchParams.get('input')
    }
    try {
      const parsed: unknown = post ? JSON.parse(text!) : text ? JSON.parse(text) : undefined
      if (parsed === undefined) inputs = []
      else if (!isBatchCall) inputs = [config.transformer.input.deserialize(parsed)]
      else if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return false
      else inputs = paths.map((_, index) => {
        const input = (parsed as Record<string, unknown>)[index]
        return input === undefined ? undefined : config.transformer.input.deserialize(input)
      })
    } catch {
      return false
    }
    return { paths, procedures: procedures as AnyProcedure[], type: type as 'query' | 'mutation', inputs, isBatchCall }
  }

  async function answer(req: IncomingMessage, res: ServerResponse, { paths, procedures, type, inputs, isBatchCall }: Calls) {
    let ctx: unknown
    let contextError: TRPCError | undefined
    try {
      ctx = await options.createContext({ req, res, info: { connectionParams: null, isBatchCall } })
    } catch (cause) {
      contextError = getTRPCErrorFromUnknown(cause)
    }

    const answers = await Promise.all(
      procedures.map(async (procedure, index) => {
        const callPath = paths[index]
        try {
          if (contextError) throw contextError
          const data = await procedure({ path: callPath, getRawInput: async () => inputs[index], ctx, type, signal: undefined, batchIndex: index })
          return { result: { data } }
        } catch (cause) {
          const error = getTRPCErrorFromUnknown(cause)
          options.onError?.({ error, path: callPath, input: inputs[index], ctx, type, req })
          return { error: getErrorShape({ config, ctx, error, input: inputs[index], path: callPath, type }) }
        }
      }),
    )
    const body = isBatchCall ? answers : answers[0]
    res.statusCode = getHTTPStatusCode(body as never)
    res.setHeader('vary', 'trpc-accept, accept')
    res.setHeader('content-type', 'application/json')
    res.end(JSON.stringify(transformTRPCResponse(config, body as never)))
  }

  return handleCall
}

/** As tRPC matches a JSON body: the media type, case-insensitive, parameters ignored. */
function isJson(contentType: string | undefined): boolean {
  return contentType?.toLowerCase().split(';', 1)[0].trim() === 'application/json'
}

class BodyNotRead extends Error {}

/**
 * A request's body, as text (UTF-8, as `Request.json()` decodes it). Only called for a stated length
 * within the limit: Node's parser ends a body at its stated length.
 */
function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.once('end', () => resolve(chunks.length === 1 ? chunks[0].toString('utf8') : Buffer.concat(chunks).toString('utf8')))
    req.once('error', (error) => reject(new BodyNotRead(error.message)))
    req.once('aborted', () => reject(new BodyNotRead('request aborted')))
  })
}

/** The `get` of fetch `Headers` over a Node request's headers (all tRPC's header helpers use). */
function nodeHeaders(req: IncomingMessage): Headers {
  return { get: (name: string) => req.headers[name.toLowerCase()]?.toString() ?? null } as Headers
}

interface Calls {
  paths: string[]
  procedures: AnyProcedure[]
  type: 'query' | 'mutation'
  inputs: unknown[]
  isBatchCall: boolean
}
