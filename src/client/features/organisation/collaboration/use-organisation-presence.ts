import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react'
import type { PresenceMember } from '../../../../shared/realtime/collaboration.ts'
import { getSocket } from '../../../lib/socket.ts'
import { useViewer } from '../../auth/hooks/use-viewer.ts'
import { trackActivity, type ActivityStatus } from './idle-tracker.ts'

const JOIN_TIMEOUT_MS = 10_000

/** One person on the page: their sockets (tabs, devices) folded into one avatar. */
export interface Collaborator {
  userId: string
  name: string
  color: string
  /** The field one of their tabs is editing, if any. */
  field: string | null
  status: ActivityStatus
}

export type PresenceConnection = 'joining' | 'joined' | 'unavailable'

export interface OrganisationPresence {
  /** Everyone else on the page, in order of arrival. */
  collaborators: Collaborator[]
  connection: PresenceConnection
  /** Tells the others which field this user is editing (null: none). */
  setField: (field: string | null) => void
  /** The name and colour of a user on the page, if they are there. */
  collaborator: (userId: string | null) => Collaborator | undefined
}

/** Folds the sockets of each user into one collaborator; an active tab, and an edited field, win. */
export function collaboratorsOf(members: readonly PresenceMember[], selfUserId: string): Collaborator[] {
  const byUser = new Map<string, Collaborator>()
  for (const member of members) {
    if (member.userId === selfUserId) continue
    const known = byUser.get(member.userId)
    byUser.set(member.userId, {
      userId: member.userId,
      name: member.name,
      color: member.color,
      field: known?.field ?? member.field,
      status: known?.status === 'active' || member.status === 'active' ? 'active' : 'idle',
    })
  }
  return [...byUser.values()]
}

/**
 * Joins the organisation's presence room on the tab's Socket.IO connection (again after every
 * reconnection, since the server forgets rooms), follows who comes, goes and edits what, and
 * reports this user's own field and activity.
 */
export function useOrganisationPresence(organisationId: string): OrganisationPresence {
  const viewer = useViewer()
  const [members, setMembers] = useState<PresenceMember[]>([])
  const [connection, setConnection] = useState<PresenceConnection>('joining')
  const local = useRef<{ field: string | null; status: ActivityStatus }>({ field: null, status: 'active' })

  const publish = useCallback(() => {
    const socket = getSocket()
    if (socket.connected) socket.emit('presence:update', { organisationId, ...local.current })
  }, [organisationId])

  useEffect(() => {
    const socket = getSocket()
    let current = true

    const join = async () => {
      setConnection('joining')
      try {
        const reply = await socket.timeout(JOIN_TIMEOUT_MS).emitWithAck('presence:join', { organisationId })
        if (!current) return
        if (!reply.ok) {
          setConnection('unavailable')
          return
        }
        setMembers(reply.members.filter((member: PresenceMember) => member.socketId !== socket.id))
        setConnection('joined')
        // A rejoin after a reconnection starts from the defaults: restore what was going on.
        if (local.current.field !== null || local.current.status !== 'active') publish()
      } catch {
        if (current) setConnection('unavailable')
      }
    }
    const onChanged = (payload: { organisationId: string; member: PresenceMember }) => {
      if (payload.organisationId !== organisationId || payload.member.socketId === socket.id) return
      setMembers((list) => {
        const index = list.findIndex((member) => member.socketId === payload.member.socketId)
        if (index === -1) return [...list, payload.member]
        return list.map((member, position) => (position === index ? payload.member : member))
      })
    }
    const onLeft = (payload: { organisationId: string; socketId: string }) => {
      if (payload.organisationId !== organisationId) return
      setMembers((list) => list.filter((member) => member.socketId !== payload.socketId))
    }
    const onDisconnect = () => {
      setMembers([])
      setConnection('joining')
    }

    socket.on('connect', join)
    socket.on('disconnect', onDisconnect)
    socket.on('presence:changed', onChanged)
    socket.on('presence:left', onLeft)
    if (socket.connected) void join()
    const stopTracking = trackActivity((status) => {
      local.current = { ...local.current, status }
      publish()
    })

    return () => {
      current = false
      stopTracking()
      socket.off('connect', join)
      socket.off('disconnect', onDisconnect)
      socket.off('presence:changed', onChanged)
      socket.off('presence:left', onLeft)
      if (socket.connected) socket.emit('presence:leave', { organisationId })
      local.current = { field: null, status: 'active' }
    }
  }, [organisationId, publish])

  const setField = useCallback(
    (field: string | null) => {
      if (local.current.field === field && local.current.status === 'active') return
      local.current = { field, status: 'active' }
      publish()
    },
    [publish],
  )

  const collaborators = useMemo(() => collaboratorsOf(members, viewer.id), [members, viewer.id])
  const collaborator = useCallback(
    (userId: string | null) => (userId ? collaborators.find((person) => person.userId === userId) : undefined),
    [collaborators],
  )
  return { collaborators, connection, setField, collaborator }
}

const PresenceContext = createContext<OrganisationPresence | null>(null)
export const PresenceProvider = PresenceContext.Provider

/** The presence of the organisation page around the caller. */
export function usePresence(): OrganisationPresence {
  const presence = useContext(PresenceContext)
  if (!presence) throw new Error('usePresence must be used inside the organisation page')
  return presence
}
