import { errorKind, fieldErrorsOf } from '../../lib/errors.ts'

export type PersonErrorKey =
  | 'person.errors.conflict'
  | 'person.errors.forbidden'
  | 'person.errors.notFound'
  | 'person.errors.invalid'
  | 'errors.unreachable'
  | 'errors.server'

/**
 * The message (as a translation key) for a failed action on a person; null when the field messages
 * already say it all. A key rather than a sentence: translating stays in components.
 */
export function personErrorKey(error: unknown): PersonErrorKey | null {
  const onFields = Object.keys(fieldErrorsOf(error)).length > 0
  switch (errorKind(error)) {
    case 'conflict':
      return 'person.errors.conflict'
    case 'forbidden':
      return 'person.errors.forbidden'
    case 'notFound':
      return 'person.errors.notFound'
    case 'unreachable':
      return 'errors.unreachable'
    case 'invalid':
      return onFields ? null : 'person.errors.invalid'
    default:
      return 'errors.server'
  }
}
