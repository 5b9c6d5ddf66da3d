import { z } from 'zod'

/**
 * Where to go after signing in: a path on this site only. `//host` and `/\host` are
 * protocol-relative URLs to another site in browsers, so they are refused (open redirect).
 */
export const redirectTarget = z
  .string()
  .max(2000)
  .regex(/^\/(?![/\\])/)
  .refine((path) => !/^\/login(?:[/?#]|$)/.test(path))
