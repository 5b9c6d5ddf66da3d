import { errorKind, fieldErrorsOf } from '../../lib/errors.ts'

export type TaskErrorKey =
  | 'task.errors.conflict'
  | 'task.errors.forbidden'
  | 'task.errors.notFound'
  | 'task.errors.invalid'
  | 'errors.unreachable'
  | 'errors.server'

/**
 * The message (as a translation key) for a failed action on a task; null when the field messages
 * already say it all. A key rather than a sentence: translating stays in components.
 */
export function taskErrorKey(error: unknown): TaskErrorKey | null {
  switch (errorKind(error)) {
    case 'conflict':
      return 'task.errors.conflict'
    case 'forbidden':
      return 'task.errors.forbidden'
    case 'notFound':
      return 'task.errors.notFound'
    case 'unreachable':
      return 'errors.unreachable'
    case 'invalid':
      return Object.keys(fieldErrorsOf(error)).length ? null : 'task.errors.invalid'
    default:
      return 'errors.server'
  }
}
