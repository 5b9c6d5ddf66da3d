import { TRPCClientError } from '@trpc/client'
import type { TFunction } from 'i18next'
import type { z } from 'zod'
import { errorKind, fieldErrorsOf } from '../../lib/errors.ts'
import type { AppRouter } from '../../lib/trpc.ts'

export type FormErrors = Record<string, string[] | undefined>

type Validation<T> = { success: true; data: T } | { success: false; errors: FormErrors }

interface ValidateOptions {
  required: string
  /** Replaces a message the schema hard-codes (in English) by a translated one. */
  translate?: (issue: z.core.$ZodIssue) => string | undefined
}

/**
 * Parses form values with the shared schema and keys the messages by field (the last path segment).
 * An empty field reads "required" whatever rule it broke first.
 */
export function validateForm<S extends z.ZodType>(
  schema: S,
  values: unknown,
  options: ValidateOptions,
): Validation<z.output<S>> {
  const parsed = schema.safeParse(values)
  if (parsed.success) return { success: true, data: parsed.data }
  const errors: FormErrors = {}
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[issue.path.length - 1] ?? '')
    if (errors[field]) continue
    const raw = issue.path.reduce<unknown>(
      (value, key) => (value && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key] : undefined),
      values,
    )
    const empty = raw === undefined || (typeof raw === 'string' && raw.trim() === '')
    errors[field] = [empty ? options.required : (options.translate?.(issue) ?? issue.message)]
  }
  return { success: false, errors }
}

export function firstInvalidField(form: HTMLFormElement, errors: FormErrors, order: readonly string[]) {
  const name = order.find((field) => errors[field]?.length)
  const element = name ? form.elements.namedItem(name) : null
  if (element instanceof HTMLElement) element.focus()
}

/** Field messages of a BAD_REQUEST answer; other errors are told in the form's banner. */
export function serverFieldErrors(error: unknown): FormErrors {
  return errorKind(error) === 'invalid' ? fieldErrorsOf(error) : {}
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
