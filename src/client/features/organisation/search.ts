import { z } from 'zod'
import { idSchema, sortDirection } from '../../../shared/schemas/common.ts'
import {
  ORGANISATION_SORT_FIELDS,
  organisationType,
  pipelineStage,
  type OrganisationListInput,
} from '../../../shared/schemas/organisation.ts'

export type OrganisationSortField = (typeof ORGANISATION_SORT_FIELDS)[number]
export type SortDirection = z.infer<typeof sortDirection>

export const PAGE_SIZE = 25

/** The list's state in the address bar: a bad value is dropped rather than breaking the page. */
export const organisationSearchSchema = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  type: z.array(organisationType).max(5).optional().catch(undefined),
  stage: z.array(pipelineStage).max(6).optional().catch(undefined),
  active: z.boolean().optional().catch(undefined),
  owner: idSchema.optional().catch(undefined),
  sort: z.enum(ORGANISATION_SORT_FIELDS).optional().catch(undefined),
  dir: sortDirection.optional().catch(undefined),
})
export type OrganisationSearch = z.infer<typeof organisationSearchSchema>

const DEFAULT_SORT: OrganisationSortField = 'updatedAt'

/** Text-like columns (the owner's name among them) read A→Z first; amounts and dates read largest/newest first. */
export function defaultDirection(field: OrganisationSortField): SortDirection {
  return field === 'name' || field === 'type' || field === 'stage' || field === 'owner' ? 'asc' : 'desc'
}

export function isSortField(field: string | undefined): field is OrganisationSortField {
  return (ORGANISATION_SORT_FIELDS as readonly string[]).includes(field ?? '')
}

export function currentSort(search: OrganisationSearch): { field: OrganisationSortField; direction: SortDirection } {
  const field = search.sort ?? DEFAULT_SORT
  return { field, direction: search.dir ?? defaultDirection(field) }
}

export function toListInput(search: OrganisationSearch): Omit<OrganisationListInput, 'cursor'> {
  return {
    q: search.q || undefined,
    type: search.type?.length ? search.type : undefined,
    stage: search.stage?.length ? search.stage : undefined,
    isActive: search.active,
    ownerId: search.owner,
    sort: currentSort(search),
    limit: PAGE_SIZE,
  }
}

export function hasFilters(search: OrganisationSearch): boolean {
  return Boolean(search.q || search.type?.length || search.stage?.length || search.active !== undefined || search.owner)
}
