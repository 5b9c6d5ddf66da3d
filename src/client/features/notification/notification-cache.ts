import type { InfiniteData, QueryClient, QueryKey } from '@tanstack/react-query'
import type { RouterOutputs, Trpc } from '../../lib/trpc.ts'

export type NotificationPage = RouterOutputs['notifications']['list']
export type NotificationItem = NotificationPage['items'][number]
type ListData = InfiniteData<NotificationPage> | NotificationPage

/** The panel's list: the latest notifications, read or not, a page at a time. */
export const PANEL_LIST_INPUT = { limit: 20 } as const

const NOTIFICATION_TYPES = ['TASK_DUE', 'TASK_ASSIGNED', 'NEW_INTERACTION', 'PIPELINE_UPDATE', 'MANDATE_SIGNED', 'WEBHOOK_DISABLED', 'SECURITY'] as const

/** Rebuilds a notification from a live event payload (dates travel as ISO strings there). */
export function itemFromPayload(raw: unknown): NotificationItem | undefined {
  const value = raw as Partial<Record<keyof NotificationItem, unknown>> | undefined
  if (!value || typeof value.id !== 'string' || typeof value.title !== 'string' || typeof value.createdAt !== 'string') {
    return undefined
  }
  const type = (NOTIFICATION_TYPES as readonly unknown[]).includes(value.type) ? value.type : 'PIPELINE_UPDATE'
  return {
    id: value.id,
    recipientId: String(value.recipientId ?? ''),
    type: type as NotificationItem['type'],
    title: value.title,
    body: typeof value.body === 'string' ? value.body : null,
    link: typeof value.link === 'string' ? value.link : null,
    eventId: typeof value.eventId === 'string' ? BigInt(value.eventId) : null,
    readAt: typeof value.readAt === 'string' ? new Date(value.readAt) : null,
    createdAt: new Date(value.createdAt),
  }
}

function unreadOnlyOf(key: QueryKey): boolean {
  return Boolean((key[1] as { input?: { unreadOnly?: boolean } } | undefined)?.input?.unreadOnly)
}

/** Rewrites every cached notification list, infinite or not; `first` is its newest page. */
function updateLists(
  queryClient: QueryClient,
  trpc: Trpc,
  update: (page: NotificationPage, first: boolean, unreadOnly: boolean) => NotificationPage,
) {
  for (const [key, data] of queryClient.getQueriesData<ListData>(trpc.notifications.list.pathFilter())) {
    if (!data) continue
    const unreadOnly = unreadOnlyOf(key)
    const next: ListData =
      'pages' in data
        ? { ...data, pages: data.pages.map((page, index) => update(page, index === 0, unreadOnly)) }
        : update(data, true, unreadOnly)
    queryClient.setQueryData(key, next)
  }
}

export function addNotification(queryClient: QueryClient, trpc: Trpc, item: NotificationItem, unreadCount: number) {
  updateLists(queryClient, trpc, (page, first, unreadOnly) => {
    const known = page.items.some((candidate) => candidate.id === item.id)
    if (known || !first) return { ...page, unreadCount }
    return { ...page, items: [item, ...page.items], total: page.total + 1, unreadCount }
  })
}

export function markNotificationsRead(
  queryClient: QueryClient,
  trpc: Trpc,
  ids: readonly string[] | 'all',
  readAt: Date,
  unreadCount?: number,
) {
  const isTarget = (item: NotificationItem) => item.readAt === null && (ids === 'all' || ids.includes(item.id))
  updateLists(queryClient, trpc, (page, _first, unreadOnly) => {
    const removed = unreadOnly ? page.items.filter(isTarget).length : 0
    const items = unreadOnly
      ? page.items.filter((item) => !isTarget(item))
      : page.items.map((item) => (isTarget(item) ? { ...item, readAt } : item))
    return { ...page, items, total: page.total - removed, unreadCount: unreadCount ?? page.unreadCount }
  })
}

/** How many of `ids` the cache shows as unread (for an immediate badge update). */
export function countCachedUnread(queryClient: QueryClient, trpc: Trpc, ids: readonly string[]): number {
  const unread = new Set<string>()
  for (const [, data] of queryClient.getQueriesData<ListData>(trpc.notifications.list.pathFilter())) {
    const pages = data ? ('pages' in data ? data.pages : [data]) : []
    for (const item of pages.flatMap((page) => page.items)) if (item.readAt === null && ids.includes(item.id)) unread.add(item.id)
  }
  return unread.size
}
