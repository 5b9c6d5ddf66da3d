import type { RouterOutputs } from '../../lib/trpc.ts'

export type ApiToken = RouterOutputs['apiTokens']['list']['items'][number]
export type TokenStatus = 'active' | 'expired' | 'revoked'

export function tokenStatus(token: Pick<ApiToken, 'revokedAt' | 'expiresAt'>, now = new Date()): TokenStatus {
  if (token.revokedAt) return 'revoked'
  if (token.expiresAt && token.expiresAt <= now) return 'expired'
  return 'active'
}
