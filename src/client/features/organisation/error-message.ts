import type { TFunction } from 'i18next'
import { errorKind } from '../../lib/errors.ts'

/** A readable sentence for a failed write; field messages and conflicts are handled by the caller. */
export function writeErrorMessage(error: unknown, t: TFunction, fallback: string): string {
  switch (errorKind(error)) {
    case 'forbidden':
      return t('organisation.errors.forbidden')
    case 'unreachable':
      return t('organisation.errors.unreachable')
    default:
      return fallback
  }
}
