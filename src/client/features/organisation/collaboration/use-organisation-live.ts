import { useEffect, useRef, useState } from 'react'
import { useQueryClient } from '@tanstack/react-query'
import type { TFunction } from 'i18next'
import { userColor } from '../../../../shared/realtime/collaboration.ts'
import { useTRPC } from '../../../lib/trpc.ts'
import { useLiveEvents } from '../../live/hooks/use-live-events.ts'
import { liveSessionUserId, type LiveEvent } from '../../live/live-stream.ts'
import { useTeamMembers } from '../hooks/use-team-members.ts'
import type { OrganisationPresence } from './use-organisation-presence.ts'

/** How long a field changed by someone else stays highlighted. */
export const HIGHLIGHT_MS = 4_000

/** Who just changed a field, to show it in place. */
export interface FieldHighlight {
  /** Null when the name is not known to this user (an API token, a former member). */
  name: string | null
  color: string
  eventId: string
}
export type FieldHighlights = Partial<Record<string, FieldHighlight>>

/** "Modifié par Marie", or "Modifié à l'instant" when the author is not known. */
export function changedByLabel(t: TFunction, highlight: FieldHighlight): string {
  return highlight.name ? t('collaboration.live.changedBy', { name: highlight.name }) : t('collaboration.live.changedBySomeone')
}

/** Does this event concern the organisation, or a record shown on its page (interaction, task…)? */
function concerns(event: LiveEvent, organisationId: string): boolean {
  if (event.entity === 'organisation') return event.entityId === organisationId
  return (event.payload as { organisationId?: unknown }).organisationId === organisationId
}

/**
 * Keeps the organisation page live: refetches the record and its timeline when anyone changes
 * them, and highlights for a few seconds the fields someone else saved, with their name.
 */
export function useOrganisationLive(organisation: { id: string; teamId: string }, presence: OrganisationPresence): FieldHighlights {
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const members = useTeamMembers({ teamId: organisation.teamId })
  const [highlights, setHighlights] = useState<FieldHighlights>({})
  const timers = useRef(new Set<ReturnType<typeof setTimeout>>())

  useEffect(() => {
    const pending = timers.current
    return () => pending.forEach(clearTimeout)
  }, [])

  // useLiveEvents calls the handler of the latest render: presence and members are current here.
  useLiveEvents((event) => {
    if (!concerns(event, organisation.id)) return
    void queryClient.invalidateQueries(trpc.organisations.byId.queryFilter({ id: organisation.id }))
    if (event.entity !== 'organisation' && event.entity !== 'interaction') return
    void queryClient.invalidateQueries(trpc.organisations.timeline.pathFilter())
    if (event.entity !== 'organisation') return
    if (event.type !== 'organisation.updated' || event.actorId === liveSessionUserId()) return

    const fields = Object.keys((event.payload as { changes?: Record<string, unknown> }).changes ?? {})
    if (fields.length === 0) return
    const highlight: FieldHighlight = {
      name: presence.collaborator(event.actorId)?.name ?? members.data?.items.find((member) => member.id === event.actorId)?.name ?? null,
      color: event.actorId ? userColor(event.actorId) : '#71717a',
      eventId: event.id,
    }
    setHighlights((current) => ({ ...current, ...Object.fromEntries(fields.map((field) => [field, highlight])) }))
    const timer = setTimeout(() => {
      timers.current.delete(timer)
      // Only what this event set: a later change of the same field keeps its own time.
      setHighlights((current) =>
        Object.fromEntries(Object.entries(current).filter(([, value]) => value?.eventId !== event.id)),
      )
    }, HIGHLIGHT_MS)
    timers.current.add(timer)
  })

  return highlights
}
