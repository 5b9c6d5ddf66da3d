import { z } from 'zod'
import { idSchema, optionalText, pageInput, requiredText, versionSchema } from './common.ts'
import { dueAtSchema, taskPriority } from './task.ts'

export const INTERACTION_KINDS = ['CALL', 'EMAIL', 'MEETING', 'NOTE'] as const
export const interactionKind = z.enum(INTERACTION_KINDS)

const YEAR_MS = 365 * 24 * 3_600_000
const EARLIEST = new Date('1900-01-01T00:00:00Z')

/**
 * A Date (typed clients) or an ISO 8601 string with its offset (forms, plain JSON), within a range
 * PostgreSQL can store, so that a typo (year 20025) is a field error rather than a database error.
 */
const dateInput = z
  .union([z.date(), z.iso.datetime({ offset: true }).transform((value) => new Date(value))], {
    error: 'date_invalid',
  })
  .pipe(z.date().min(EARLIEST, 'date_too_early').max(new Date('9999-12-31T23:59:59Z'), 'date_too_late'))

export const occurredAtSchema = dateInput.refine(
  (date) => date.getTime() <= Date.now() + YEAR_MS,
  'date_within_year',
)

const personIdsSchema = z
  .array(idSchema)
  .max(50)
  .transform((ids) => [...new Set(ids)])

const interactionFields = {
  kind: interactionKind,
  occurredAt: occurredAtSchema,
  summary: requiredText(300),
  body: optionalText(20_000),
  organisationId: idSchema.nullish(),
  personIds: personIdsSchema,
}

export const INTERACTION_SUBJECT_REQUIRED = 'subject_required'

/** A task to do next, created with the interaction in one transaction, about the same organisation and first person. */
export const followUpTaskInput = z.object({
  title: requiredText(200),
  dueAt: dueAtSchema.nullish(),
  priority: taskPriority.default('MEDIUM'),
  /** An active member of the team; by default the author. */
  assigneeId: idSchema.nullish(),
})
export type FollowUpTaskInput = z.input<typeof followUpTaskInput>

export const interactionCreateInput = z
  .object({
    ...interactionFields,
    personIds: interactionFields.personIds.default([]),
    followUp: followUpTaskInput.optional(),
    /** Only an admin may pick a team; by default it is the team of the organisation or people. */
    teamId: idSchema.optional(),
  })
  .superRefine((input, ctx) => {
    if (input.organisationId || input.personIds.length > 0) return
    for (const path of ['organisationId', 'personIds']) ctx.addIssue({ code: 'custom', message: INTERACTION_SUBJECT_REQUIRED, path: [path] })
  })
export type InteractionCreateInput = z.input<typeof interactionCreateInput>

export const interactionUpdateInput = z.object({
  id: idSchema,
  /** The version the user read; a stale one is refused with CONFLICT. */
  version: versionSchema,
  data: z
    .object(interactionFields)
    .partial()
    .refine((data) => Object.keys(data).length > 0, { message: 'nothing_to_update' }),
})
export type InteractionUpdateInput = z.input<typeof interactionUpdateInput>

export const interactionDeleteInput = z.object({ id: idSchema, version: versionSchema.optional() })

export const interactionListInput = z
  .object({
    ...pageInput,
    organisationId: idSchema.optional(),
    personId: idSchema.optional(),
    kind: z.array(interactionKind).max(4).optional(),
    authorId: idSchema.optional(),
    teamId: idSchema.optional(),
    from: dateInput.optional(),
    to: dateInput.optional(),
  })
  .refine((input) => !input.from || !input.to || input.from <= input.to, {
    message: 'to_before_from',
    path: ['to'],
  })
export type InteractionListInput = z.input<typeof interactionListInput>
