import { z } from 'zod'
import { PIPELINE_STAGES } from '../pipeline.ts'
import {
  idSchema,
  optionalCountry,
  optionalEmail,
  optionalPhone,
  optionalText,
  optionalUrl,
  amountSchema,
  pageInput,
  requiredText,
  sortDirection,
  tagsSchema,
  versionSchema,
} from './common.ts'

/** Longest notes text, typed together or sent through the API. */
export const NOTES_MAX_LENGTH = 20_000

export const ORGANISATION_TYPES = ['INVESTOR', 'SUPPLIER', 'DISTRIBUTOR', 'PARTNER', 'OTHER'] as const
export const organisationType = z.enum(ORGANISATION_TYPES)
export const pipelineStage = z.enum(PIPELINE_STAGES)

const organisationFields = {
  name: requiredText(200),
  type: organisationType,
  category: optionalText(100),
  stage: pipelineStage,
  potentialAmount: amountSchema.nullish(),
  email: optionalEmail,
  phone: optionalPhone,
  website: optionalUrl,
  address: optionalText(300),
  city: optionalText(100),
  postalCode: optionalText(20),
  country: optionalCountry,
  language: z.enum(['fr', 'en', 'de', 'it', 'es', 'nl']).nullish(),
  notes: optionalText(NOTES_MAX_LENGTH),
  isActive: z.boolean(),
  tags: tagsSchema,
  ownerId: idSchema.nullish(),
}

export const organisationCreateInput = z.object({
  ...organisationFields,
  stage: organisationFields.stage.default('PROSPECT'),
  isActive: organisationFields.isActive.default(true),
  tags: organisationFields.tags.default([]),
  /** Only an admin may create in another team; others always create in their own. */
  teamId: idSchema.optional(),
})
export type OrganisationCreateInput = z.input<typeof organisationCreateInput>

export const organisationUpdateInput = z.object({
  id: idSchema,
  /** The version the user read; a stale one is refused with CONFLICT. */
  version: versionSchema,
  data: z
    .object(organisationFields)
    .partial()
    .refine((data) => Object.keys(data).length > 0, { message: 'nothing_to_update' }),
})
export type OrganisationUpdateInput = z.input<typeof organisationUpdateInput>

export const organisationDeleteInput = z.object({ id: idSchema, version: versionSchema.optional() })

/** `owner` sorts by the owner's name, organisations without an owner last in either direction. */
export const ORGANISATION_SORT_FIELDS = ['name', 'updatedAt', 'createdAt', 'potentialAmount', 'stage', 'type', 'owner'] as const

export const organisationListInput = z.object({
  ...pageInput,
  q: z.string().trim().max(100).optional(),
  type: z.array(organisationType).max(5).optional(),
  stage: z.array(pipelineStage).max(6).optional(),
  isActive: z.boolean().optional(),
  ownerId: idSchema.optional(),
  teamId: idSchema.optional(),
  tags: z.array(z.string().trim().min(1).max(40)).max(10).optional(),
  sort: z
    .object({ field: z.enum(ORGANISATION_SORT_FIELDS), direction: sortDirection })
    .default({ field: 'updatedAt', direction: 'desc' }),
})
export type OrganisationListInput = z.input<typeof organisationListInput>

export const organisationTimelineInput = z.object({
  id: idSchema,
  /** Id of the last event of the previous page (older events follow). */
  cursor: z.string().regex(/^\d{1,19}$/, 'event_id').nullish(),
  limit: z.number().int().min(1).max(100).default(30),
})
