import { z } from 'zod'
import { idSchema, optionalEmail, optionalUrl } from './common.ts'

// Look-ups run while a user fills in a creation form, to warn before a second copy of a record.

export const organisationSimilarInput = z.object({
  name: z.string().trim().max(200),
  email: optionalEmail.catch(null),
  website: optionalUrl.catch(null),
  /** The record being edited, never its own duplicate. */
  excludeId: idSchema.optional(),
})
export type OrganisationSimilarInput = z.input<typeof organisationSimilarInput>

export const personSimilarInput = z.object({
  firstName: z.string().trim().max(100),
  lastName: z.string().trim().max(100),
  email: optionalEmail.catch(null),
  excludeId: idSchema.optional(),
})
export type PersonSimilarInput = z.input<typeof personSimilarInput>

/** Why a record looks like the one being typed. */
export const SIMILARITY_REASONS = ['name', 'email', 'website'] as const
export type SimilarityReason = (typeof SIMILARITY_REASONS)[number]
