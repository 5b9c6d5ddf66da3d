import { z } from 'zod'
import { idSchema } from '../../../shared/schemas/common.ts'
import { ORGANISATION_TYPES, organisationType } from '../../../shared/schemas/organisation.ts'
import type { PipelineBoardInput } from '../../../shared/schemas/pipeline.ts'

/** The board's filters in the URL; anything malformed is dropped rather than failing the page. */
export const pipelineSearchSchema = z.object({
  type: z.array(organisationType).max(ORGANISATION_TYPES.length).optional().catch(undefined),
  ownerId: idSchema.optional().catch(undefined),
})
export type PipelineSearch = z.infer<typeof pipelineSearchSchema>

/** One canonical input per filter set, so the route loader and the page share one cache entry. */
export function boardInputOf(search: PipelineSearch): PipelineBoardInput {
  const type = search.type?.length ? ORGANISATION_TYPES.filter((candidate) => search.type?.includes(candidate)) : undefined
  return { ...(type ? { type } : {}), ...(search.ownerId ? { ownerId: search.ownerId } : {}) }
}

export function hasFilters(search: PipelineSearch): boolean {
  return Boolean(search.type?.length || search.ownerId)
}
