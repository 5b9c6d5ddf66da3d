import pino from 'pino'
import { currentCorrelationId } from './correlation.ts'

/** Every line written during a request, socket event or job names it (see correlation.ts). */
export function correlationMixin(): Record<string, string> {
  const correlationId = currentCorrelationId()
  return correlationId ? { correlationId } : {}
}

export const logger = pino({
  level: process.env.LOG_LEVEL ?? 'info',
  base: { node: process.env.NODE_ID ?? `node-${process.pid}` },
  timestamp: pino.stdTimeFunctions.isoTime,
  mixin: correlationMixin,
})
export type Logger = typeof logger
