import { keepPreviousData } from '@tanstack/react-query'
import { z } from 'zod'
import { interactionKind, type InteractionListInput } from '../../../shared/schemas/interaction.ts'
import type { Trpc } from '../../lib/trpc.ts'

const PAGE_SIZE = 50
const CALENDAR_DAY = /^\d{4}-\d{2}-\d{2}$/

/** The list's filters as they appear in the URL; anything malformed is dropped rather than refused. */
export const activityListSearch = z.object({
  kind: z.array(interactionKind).optional().catch(undefined),
  /** Only the viewer's own activities. */
  mine: z.boolean().optional().catch(undefined),
  /** Calendar days ('YYYY-MM-DD'), inclusive, in the browser's time zone. */
  from: z.string().regex(CALENDAR_DAY).optional().catch(undefined),
  to: z.string().regex(CALENDAR_DAY).optional().catch(undefined),
})
export type ActivityListSearch = z.infer<typeof activityListSearch>

/** A period that ends before it starts is told at its field, and the list is read without its end. */
export function periodInvalid(search: ActivityListSearch): boolean {
  return Boolean(search.from && search.to && search.to < search.from)
}

export function effectiveActivitySearch(search: ActivityListSearch): ActivityListSearch {
  return periodInvalid(search) ? { ...search, to: undefined } : search
}

/** The first or last instant of a calendar day in the browser's time zone, as the API takes it. */
function dayBound(day: string | undefined, end: boolean): string | undefined {
  if (!day) return undefined
  const date = new Date(`${day}T${end ? '23:59:59.999' : '00:00:00.000'}`)
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString()
}

export function activityListQuery(search: ActivityListSearch, viewerId: string): InteractionListInput {
  return {
    kind: search.kind,
    authorId: search.mine ? viewerId : undefined,
    from: dayBound(search.from, false),
    to: dayBound(search.to, true),
    limit: PAGE_SIZE,
  }
}

/** The list's query, shared by the route loader (first page) and the page (further pages). */
export function activityListOptions(trpc: Trpc, search: ActivityListSearch, viewerId: string) {
  return trpc.interactions.list.infiniteQueryOptions(activityListQuery(search, viewerId), {
    getNextPageParam: (page) => page.nextCursor,
    // While new filters load, the previous rows stay (dimmed) instead of flashing a skeleton.
    placeholderData: keepPreviousData,
  })
}
