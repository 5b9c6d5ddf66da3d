import { TRPCClientError } from '@trpc/client'
import type { TFunction } from 'i18next'
import { errorKind } from '../../lib/errors.ts'
import type { FormErrors } from '../../lib/forms.ts'
import type { AppRouter } from '../../lib/trpc.ts'

export function firstInvalidField(form: HTMLFormElement, errors: FormErrors, order: readonly string[]) {
  const name = order.find((field) => errors[field]?.length)
  const element = name ? form.elements.namedItem(name) : null
  if (element instanceof HTMLElement) element.focus()
}

/** What the server attached to a refusal: conflicting record, counts… */
export function errorDetails(error: unknown): Record<string, unknown> {
  return error instanceof TRPCClientError ? ((error as TRPCClientError<AppRouter>).data?.details ?? {}) : {}
}

/** A readable sentence for a failed request, whatever its cause. */
export function requestErrorMessage(error: unknown, t: TFunction): string {
  switch (errorKind(error)) {
    case 'forbidden':
      return t('admin.errors.forbidden')
    case 'notFound':
      return t('admin.errors.notFound')
    case 'conflict':
      return t('admin.errors.conflict')
    case 'invalid':
      return t('admin.errors.invalid')
    case 'unreachable':
      return t('admin.errors.unreachable')
    case 'rateLimited':
      return t('admin.errors.rateLimited')
    default:
      return t('admin.errors.server')
  }
}
