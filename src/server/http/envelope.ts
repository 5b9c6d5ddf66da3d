import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Config } from '../config.ts'
import { acceptedCorrelationId, newCorrelationId, withCorrelationId } from '../correlation.ts'
import { securityHeaders } from './security-headers.ts'

type Handler = (req: IncomingMessage, res: ServerResponse) => unknown

/**
 * What every HTTP response gets, whatever answers it: the security headers, and a correlation id
 * (a proxy's X-Request-Id is kept, so its access log and ours agree; otherwise a new one) under
 * which the handler runs.
 */
export function withEnvelope(config: Config, handle: Handler): Handler {
  const headers = Object.entries(securityHeaders(config))
  return (req, res) => {
    const correlationId = acceptedCorrelationId(req.headers['x-request-id']) ?? newCorrelationId()
    res.setHeader('X-Correlation-Id', correlationId)
    for (const [name, value] of headers) res.setHeader(name, value)
    void withCorrelationId(correlationId, () => handle(req, res))
  }
}
