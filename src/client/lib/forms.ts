import type { z } from 'zod'

/**
 * Per-parse error map for forms: an empty field reads "required" rather than the schema's
 * format or length message; every other issue keeps zod's localised message.
 */
export function requiredFieldErrors(requiredMessage: string): z.core.$ZodErrorMap {
  return (issue) => (issue.input === '' || issue.input === undefined ? requiredMessage : undefined)
}

export type FieldErrors<T> = Partial<Record<keyof T & string, string[]>>
