import i18next from 'i18next'
import type { z } from 'zod'
import { issueMessage, localiseIssues, validationText, type ValidationLanguage } from '../../shared/validation.ts'
import { errorKind, fieldErrorsOf } from './errors.ts'

/** The UI language, as the shared validation messages know it. */
export function validationLanguage(): ValidationLanguage {
  return i18next.language === 'en' ? 'en' : 'fr'
}

/**
 * Per-parse error map for forms: an empty field reads "required" rather than the schema's
 * format or length message; every other issue keeps its own code (see src/shared/validation.ts).
 */
export function requiredFieldErrors(): z.core.$ZodErrorMap {
  return (issue) => (issue.input === '' || issue.input === undefined ? 'required' : undefined)
}

/** A failed parse as messages per field, in the UI language: the same texts the server sends. */
export function localFieldErrors(error: z.ZodError): Record<string, string[] | undefined> {
  return localiseIssues(error.issues, validationLanguage()).fieldErrors
}

/** Messages keyed by the innermost field (`data.summary` → `summary`), for forms over nested inputs. */
export function localLeafErrors(error: z.ZodError): Record<string, string[] | undefined> {
  const result: Record<string, string[]> = {}
  for (const issue of error.issues) (result[String(issue.path.at(-1) ?? '')] ??= []).push(localIssueMessage(issue))
  return result
}

/** One issue in the UI language. */
export function localIssueMessage(issue: z.core.$ZodIssue): string {
  return issueMessage(issue, validationLanguage())
}

export type FieldErrors<T> = Partial<Record<keyof T & string, string[]>>

/** A form's messages by field name (the innermost segment of the issue's path). */
export type FormErrors = Record<string, string[] | undefined>

export type FormValidation<T> = { success: true; data: T } | { success: false; errors: FormErrors }

/**
 * The one way forms check their values: the shared schema the server applies, messages from the
 * shared table in the UI language, keyed by field; an empty field reads "required" whatever rule
 * it broke first, and each field shows its first message only.
 */
export function validateForm<S extends z.ZodType>(schema: S, values: unknown): FormValidation<z.output<S>> {
  const parsed = schema.safeParse(values, { error: requiredFieldErrors() })
  if (parsed.success) return { success: true, data: parsed.data }
  const errors: FormErrors = {}
  for (const issue of parsed.error.issues) {
    const field = String(issue.path.at(-1) ?? '')
    if (errors[field]) continue
    const raw = issue.path.reduce<unknown>(
      (value, key) => (value && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key] : undefined),
      values,
    )
    const empty = raw === undefined || (typeof raw === 'string' && raw.trim() === '')
    errors[field] = [empty ? validationText('required', validationLanguage()) : localIssueMessage(issue)]
  }
  return { success: false, errors }
}

/** Field messages of a BAD_REQUEST answer; other errors are told in the form's banner. */
export function serverFieldErrors(error: unknown): FormErrors {
  return errorKind(error) === 'invalid' ? fieldErrorsOf(error) : {}
}
