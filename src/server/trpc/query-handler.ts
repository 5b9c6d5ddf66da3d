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

// What screens load: GET queries, one or a batch (httpBatchLink), answered on the node request and
// response themselves. tRPC's node adapter turns every request into a fetch `Request` (URL, Headers,
// AbortSignals) and reads its `Response` back through a web stream; for a cached answer that was
// most of the server's time (1.45 ms of CPU per cached `byId` against 0.45 ms for a bare handler
// doing the same lookups). This answers exactly as `resolveResponse` does for such calls: the same
// procedures (middlewares, input parsing, the transformer), the same context, the same error shapes
// and status codes, the same `onError`. Anything else (mutations, subscriptions, streaming, method
// override, unknown procedures, malformed input) goes to tRPC's own handler.

interface QueryHandlerOptions<TRouter extends AnyRouter> {
  router: TRouter
  /** Where procedures start in the URL, with its slashes (`/trpc/`). */
  basePath: string
  createContext: (opts: { req: IncomingMessage; res: ServerResponse; info: { connectionParams: null; isBatchCall: boolean } }) => Promise<unknown>
  onError?: (opts: { error: TRPCError; path: string; input: unknown; ctx: unknown; type: 'query'; req: IncomingMessage }) => void
}

/** Returns false, having written nothing, when the request is not a plain GET of queries. */
export function createQueryHandler<TRouter extends AnyRouter>(options: QueryHandlerOptions<TRouter>) {
  const { router, basePath } = options
  const config = router._def._config

  async function handleQuery(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    let calls: Calls | false
    try {
      calls = await callsOf(req)
    } catch {
      return false // tRPC's handler says what is wrong with it
    }
    if (!calls) return false
    try {
      await answer(req, res, calls)
    } catch (cause) {
      // As tRPC's node adapter answers a failure of its own (internal_exceptionHandler): never an
      // unhandled rejection.
      const error = getTRPCErrorFromUnknown(cause)
      options.onError?.({ error, path: calls.paths.join(','), input: undefined, ctx: undefined, type: 'query', req })
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

  /** The calls of a plain GET of queries, their inputs read; false for anything else. */
  async function callsOf(req: IncomingMessage): Promise<Calls | false> {
    // A streamed answer (httpBatchStreamLink: `trpc-accept`, or `accept: application/jsonl`), as tRPC
    // reads the headers: tRPC's handler.
    if (req.method !== 'GET' || getAcceptHeader(nodeHeaders(req)) !== null) return false
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
    const procedures = await Promise.all(paths.map((each) => getProcedureAtPath(router, each) as Promise<AnyProcedure | null>))
    if (procedures.some((procedure) => !procedure || procedure._def.type !== 'query')) return false

    // The inputs as `getRequestInfo` reads them, read before answering: a malformed one goes to tRPC.
    let inputs: unknown[]
    try {
      const query = url.searchParams.get('input')
      const parsed: unknown = query ? JSON.parse(query) : undefined
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
    return { paths, procedures: procedures as AnyProcedure[], inputs, isBatchCall }
  }

  async function answer(req: IncomingMessage, res: ServerResponse, { paths, procedures, inputs, isBatchCall }: Calls) {
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
          const data = await procedure({ path: callPath, getRawInput: async () => inputs[index], ctx, type: 'query', signal: undefined, batchIndex: index })
          return { result: { data } }
        } catch (cause) {
          const error = getTRPCErrorFromUnknown(cause)
          options.onError?.({ error, path: callPath, input: inputs[index], ctx, type: 'query', req })
          return { error: getErrorShape({ config, ctx, error, input: inputs[index], path: callPath, type: 'query' }) }
        }
      }),
    )
    const body = isBatchCall ? answers : answers[0]
    res.statusCode = getHTTPStatusCode(body as never)
    res.setHeader('vary', 'trpc-accept, accept')
    res.setHeader('content-type', 'application/json')
    res.end(JSON.stringify(transformTRPCResponse(config, body as never)))
  }

  return handleQuery
}

/** The `get` of fetch `Headers` over a Node request's headers (all tRPC's header helpers use). */
function nodeHeaders(req: IncomingMessage): Headers {
  return { get: (name: string) => req.headers[name.toLowerCase()]?.toString() ?? null } as Headers
}

interface Calls {
  paths: string[]
  procedures: AnyProcedure[]
  inputs: unknown[]
  isBatchCall: boolean
}
