import pino from 'pino'

export const logger = pino({
  level: process.env.LOG_LEVEL ?? 'info',
  base: { node: process.env.NODE_ID ?? `node-${process.pid}` },
  timestamp: pino.stdTimeFunctions.isoTime,
})
export type Logger = typeof logger
