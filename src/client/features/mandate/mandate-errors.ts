import { errorKind, fieldErrorsOf } from '../../lib/errors.ts'

export type MandateErrorKey =
  | 'mandate.errors.conflict'
  | 'mandate.errors.forbidden'
  | 'mandate.errors.notFound'
  | 'mandate.errors.invalid'
  | 'errors.unreachable'
  | 'errors.server'

/**
 * The message (as a translation key) for a failed mandate action; null when the field messages
 * already say it all. A key rather than a sentence: translating stays in components.
 */
export function mandateErrorKey(error: unknown): MandateErrorKey | null {
  // An unknown organisation or product is reported on its field, whatever the code.
  const onFields = Object.keys(fieldErrorsOf(error)).length > 0
  switch (errorKind(error)) {
    case 'conflict':
      return 'mandate.errors.conflict'
    case 'forbidden':
      return 'mandate.errors.forbidden'
    case 'notFound':
      return onFields ? null : 'mandate.errors.notFound'
    case 'unreachable':
      return 'errors.unreachable'
    case 'invalid':
      return onFields ? null : 'mandate.errors.invalid'
    default:
      return 'errors.server'
  }
}
