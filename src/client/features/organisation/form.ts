import { TRPCClientError } from '@trpc/client'
import { z } from 'zod'
import { organisationCreateInput } from '../../../shared/schemas/organisation.ts'
import { validationText } from '../../../shared/validation.ts'
import { validateForm, validationLanguage, type FieldErrors } from '../../lib/forms.ts'
import type { RouterOutputs } from '../../lib/trpc.ts'

export type OrganisationDetail = RouterOutputs['organisations']['byId']

/** Every editable field, in the order forms show them and conflicts list them. */
export const FORM_FIELDS = [
  'name',
  'type',
  'category',
  'stage',
  'potentialAmount',
  'ownerId',
  'isActive',
  'tags',
  'email',
  'phone',
  'website',
  'address',
  'postalCode',
  'city',
  'country',
  'language',
  'notes',
] as const
export type FormField = (typeof FORM_FIELDS)[number]

/** What the inputs hold: text for every field but the active switch. */
export type OrganisationFormValues = { [K in Exclude<FormField, 'isActive'>]: string } & { isActive: boolean }

/** The shared rules, minus the team (a form always writes to the viewer's or the record's team). */
const formSchema = organisationCreateInput.omit({ teamId: true })
export type OrganisationFormData = z.output<typeof formSchema>

export function emptyFormValues(ownerId: string | null): OrganisationFormValues {
  return {
    name: '',
    type: '',
    category: '',
    stage: 'PROSPECT',
    potentialAmount: '',
    ownerId: ownerId ?? '',
    isActive: true,
    tags: '',
    email: '',
    phone: '',
    website: '',
    address: '',
    postalCode: '',
    city: '',
    country: '',
    language: '',
    notes: '',
  }
}

type EditableRecord = Pick<OrganisationDetail, FormField>

export function formValuesOf(record: EditableRecord): OrganisationFormValues {
  return {
    name: record.name,
    type: record.type,
    category: record.category ?? '',
    stage: record.stage,
    potentialAmount: record.potentialAmount === null ? '' : String(record.potentialAmount),
    ownerId: record.ownerId ?? '',
    isActive: record.isActive,
    tags: record.tags.join(', '),
    email: record.email ?? '',
    phone: record.phone ?? '',
    website: record.website ?? '',
    address: record.address ?? '',
    postalCode: record.postalCode ?? '',
    city: record.city ?? '',
    country: record.country ?? '',
    language: record.language ?? '',
    notes: record.notes ?? '',
  }
}

const INVALID_AMOUNT = Symbol('invalid amount')

/** Accepts "2 500 000", "2500000 €" or "2500000"; anything else is reported, never guessed. */
function parseAmount(text: string): number | null | typeof INVALID_AMOUNT {
  const compact = text.replace(/[\s\u00a0\u202f€]/g, '')
  if (compact === '') return null
  return /^\d+$/.test(compact) ? Number(compact) : INVALID_AMOUNT
}

function splitTags(text: string): string[] {
  return text
    .split(',')
    .map((tag) => tag.trim())
    .filter(Boolean)
}

/** The object handed to the shared schema: the same shape the server receives. */
function candidateOf(values: OrganisationFormValues): Record<FormField, unknown> {
  const amount = parseAmount(values.potentialAmount)
  return {
    ...values,
    type: values.type || undefined,
    stage: values.stage || undefined,
    potentialAmount: amount === INVALID_AMOUNT ? undefined : amount,
    ownerId: values.ownerId || null,
    language: values.language || null,
    tags: splitTags(values.tags),
  }
}

export type ValidationResult =
  | { success: true; data: OrganisationFormData }
  | { success: false; errors: FieldErrors<OrganisationFormValues> }

/** The shared form check over the organisation's inputs, plus the amount typed as text. */
export function validateOrganisationForm(values: OrganisationFormValues): ValidationResult {
  const result = validateForm(formSchema, candidateOf(values))
  const errors = (result.success ? {} : result.errors) as FieldErrors<OrganisationFormValues>
  if (parseAmount(values.potentialAmount) === INVALID_AMOUNT) errors.potentialAmount = [validationText('amount_whole', validationLanguage())]
  if (result.success && Object.keys(errors).length === 0) return { success: true, data: result.data }
  return { success: false, errors }
}

/** One field as the server would store it, so "FR" and "fr" or "a.com" and "https://a.com" compare equal. */
export function normalizedValue(field: FormField, values: OrganisationFormValues): unknown {
  const raw = candidateOf(values)[field]
  const parsed = formSchema.shape[field].safeParse(raw)
  return parsed.success ? (parsed.data ?? null) : raw
}

export function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null)
}

/** The fields whose stored value would change if `values` were saved over `base`. */
export function changedFields(base: OrganisationFormValues, values: OrganisationFormValues): FormField[] {
  return FORM_FIELDS.filter((field) => !sameValue(normalizedValue(field, base), normalizedValue(field, values)))
}

export function pickFields(data: OrganisationFormData, fields: readonly FormField[]): Partial<OrganisationFormData> {
  return Object.fromEntries(fields.map((field) => [field, data[field]])) as Partial<OrganisationFormData>
}

/** The record as it is now, sent with a CONFLICT answer so both versions can be shown side by side. */
export function conflictingRecordOf(error: unknown): OrganisationDetail | undefined {
  if (!(error instanceof TRPCClientError)) return undefined
  const details: unknown = error.data?.details
  if (!details || typeof details !== 'object' || !('current' in details)) return undefined
  return details.current as OrganisationDetail
}
