import { errorKind, fieldErrorsOf } from '../../lib/errors.ts'

export type ProductErrorKey =
  | 'product.errors.conflict'
  | 'product.errors.forbidden'
  | 'product.errors.notFound'
  | 'product.errors.invalid'
  | 'errors.unreachable'
  | 'errors.server'

/**
 * The message (as a translation key) for a failed product action; null when the field messages
 * already say it all. A key rather than a sentence: translating stays in components.
 */
export function productErrorKey(error: unknown): ProductErrorKey | null {
  switch (errorKind(error)) {
    case 'conflict':
      // A taken ISIN is a conflict too, explained on the field itself.
      return Object.keys(fieldErrorsOf(error)).length ? null : 'product.errors.conflict'
    case 'forbidden':
      return 'product.errors.forbidden'
    case 'notFound':
      return 'product.errors.notFound'
    case 'unreachable':
      return 'errors.unreachable'
    case 'invalid':
      return Object.keys(fieldErrorsOf(error)).length ? null : 'product.errors.invalid'
    default:
      return 'errors.server'
  }
}
