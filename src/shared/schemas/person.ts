import { z } from 'zod'
import {
  idSchema,
  optionalEmail,
  optionalPhone,
  optionalText,
  optionalUrl,
  pageInput,
  requiredText,
  sortDirection,
  versionSchema,
} from './common.ts'

const personFields = {
  firstName: requiredText(100),
  lastName: requiredText(100),
  email: optionalEmail,
  phone: optionalPhone,
  jobTitle: optionalText(150),
  linkedinUrl: optionalUrl,
  notes: optionalText(20_000),
  ownerId: idSchema.nullish(),
}

/** What a person does at an organisation; every field but the organisation is optional. */
const linkFields = {
  role: optionalText(100),
  jobTitle: optionalText(150),
  workEmail: optionalEmail,
  workPhone: optionalPhone,
  /** The organisation's main contact; an organisation has at most one. */
  isPrimary: z.boolean(),
}

export const personLinkFields = z.object({
  organisationId: idSchema,
  ...linkFields,
  isPrimary: linkFields.isPrimary.default(false),
})

export const personCreateInput = z.object({
  ...personFields,
  /** Only an admin may create in another team; others always create in their own. */
  teamId: idSchema.optional(),
  links: z
    .array(personLinkFields)
    .max(20)
    .refine((links) => new Set(links.map((link) => link.organisationId)).size === links.length, {
      message: 'organisation_once',
    })
    .default([]),
})
export type PersonCreateInput = z.input<typeof personCreateInput>

export const personUpdateInput = z.object({
  id: idSchema,
  /** The version the user read; a stale one is refused with CONFLICT. */
  version: versionSchema,
  data: z
    .object(personFields)
    .partial()
    .refine((data) => Object.keys(data).length > 0, { message: 'nothing_to_update' }),
})
export type PersonUpdateInput = z.input<typeof personUpdateInput>

export const personDeleteInput = z.object({ id: idSchema, version: versionSchema.optional() })

/** Creates the link, or updates the given fields of an existing one (omitted fields stay as they are). */
export const personLinkInput = z.object({
  personId: idSchema,
  organisationId: idSchema,
  ...z.object(linkFields).partial().shape,
})
export type PersonLinkInput = z.input<typeof personLinkInput>

export const personUnlinkInput = z.object({ personId: idSchema, organisationId: idSchema })
export type PersonUnlinkInput = z.input<typeof personUnlinkInput>

export const PERSON_SORT_FIELDS = ['lastName', 'updatedAt', 'createdAt'] as const

export const personListInput = z.object({
  ...pageInput,
  /** Every word must match the first name, last name or email ("jean dupont" finds Jean Dupont). */
  q: z.string().trim().max(100).optional(),
  organisationId: idSchema.optional(),
  ownerId: idSchema.optional(),
  teamId: idSchema.optional(),
  sort: z
    .object({ field: z.enum(PERSON_SORT_FIELDS), direction: sortDirection })
    .default({ field: 'lastName', direction: 'asc' }),
})
export type PersonListInput = z.input<typeof personListInput>
