import { useInfiniteQuery } from '@tanstack/react-query'
import { ArrowRight, History, MessageSquare, Sparkles } from 'lucide-react'
import { INTERACTION_KINDS } from '../../../../shared/schemas/interaction.ts'
import { useTranslation } from 'react-i18next'
import { userColor } from '../../../../shared/realtime/collaboration.ts'
import { Avatar } from '../../../components/ui/avatar.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { Card } from '../../../components/ui/card.tsx'
import { RetryAlert } from '../../../components/ui/retry-alert.tsx'
import { Skeleton } from '../../../components/ui/skeleton.tsx'
import { useTRPC, type RouterOutputs } from '../../../lib/trpc.ts'
import { KIND_ICONS, type InteractionKind } from '../../activity/activity-kinds.ts'
import { useFormatters } from '../format.ts'
import { useTeamMembers } from '../hooks/use-team-members.ts'
import { useFieldValueFormatter } from './field-values.ts'
import { useFieldLabel } from './presence-bar.tsx'

type TimelineEntry = RouterOutputs['organisations']['timeline']['items'][number]

const PAGE_SIZE = 15
const KNOWN_TYPES = ['organisation.created', 'organisation.updated', 'organisation.deleted', 'organisation.notes_edited'] as const

/**
 * The organisation's activity from the event log: who changed which field from what to what, and
 * when. Kept live by the page, which refetches it whenever an event about the organisation arrives.
 */
export function OrganisationTimelineCard({ organisation }: { organisation: { id: string; teamId: string; createdAt: Date } }) {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const query = useInfiniteQuery(
    trpc.organisations.timeline.infiniteQueryOptions(
      { id: organisation.id, limit: PAGE_SIZE },
      { getNextPageParam: (page) => page.nextCursor ?? undefined },
    ),
  )
  const entries = query.data?.pages.flatMap((page) => page.items) ?? []
  // Records imported or seeded before the event log began have no creation entry: their creation
  // date still closes the history.
  const showCreation = !query.hasNextPage && !entries.some((entry) => entry.type === 'organisation.created')

  return (
    <Card className="overflow-hidden" data-testid="organisation-timeline">
      <section aria-label={t('collaboration.timeline.title')}>
        <div className="flex items-center gap-2.5 border-b border-zinc-200 px-5 py-3.5 dark:border-zinc-800">
          <History aria-hidden className="size-4 text-indigo-600 dark:text-indigo-400" />
          <h2 className="text-sm font-semibold text-zinc-900 dark:text-white">{t('collaboration.timeline.title')}</h2>
        </div>
        {query.isPending ? (
          <div className="space-y-4 px-5 py-4" aria-busy="true" aria-label={t('collaboration.timeline.loading')}>
            {[0, 1, 2].map((row) => (
              <div key={row} className="flex gap-3">
                <Skeleton className="size-7 rounded-full" />
                <div className="flex-1 space-y-2">
                  <Skeleton className="h-3 w-2/3" />
                  <Skeleton className="h-3 w-1/2" />
                </div>
              </div>
            ))}
          </div>
        ) : query.isError ? (
          <div className="p-4">
            <RetryAlert
              title={t('collaboration.timeline.errorTitle')}
              description={t('collaboration.timeline.error')}
              retryLabel={t('common.retry')}
              onRetry={() => void query.refetch()}
              retrying={query.isRefetching}
            />
          </div>
        ) : entries.length === 0 && !showCreation ? (
          <p className="px-5 py-6 text-center text-sm text-zinc-500 dark:text-zinc-400">{t('collaboration.timeline.empty')}</p>
        ) : (
          <>
            <ol className="divide-y divide-zinc-100 dark:divide-zinc-800" aria-live="polite">
              {entries.map((entry) => (
                <TimelineItem key={entry.id} entry={entry} teamId={organisation.teamId} />
              ))}
              {showCreation && <CreationItem createdAt={organisation.createdAt} />}
            </ol>
            {query.hasNextPage && (
              <div className="border-t border-zinc-100 px-5 py-3 dark:border-zinc-800">
                <Button
                  variant="ghost"
                  size="sm"
                  className="w-full"
                  loading={query.isFetchingNextPage}
                  onClick={() => void query.fetchNextPage()}
                >
                  {t('collaboration.timeline.more')}
                </Button>
              </div>
            )}
          </>
        )}
      </section>
    </Card>
  )
}

function CreationItem({ createdAt }: { createdAt: Date }) {
  const { t } = useTranslation()
  const format = useFormatters()
  return (
    <li className="flex gap-3 px-5 py-3" data-testid="timeline-creation">
      <span className="mt-0.5 flex size-7 shrink-0 items-center justify-center rounded-full bg-zinc-100 dark:bg-zinc-800">
        <Sparkles aria-hidden className="size-3.5 text-zinc-500 dark:text-zinc-400" />
      </span>
      <div className="min-w-0 flex-1">
        <p className="text-sm text-zinc-900 dark:text-zinc-100">{t('collaboration.timeline.createdBeforeLog')}</p>
        <p className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">
          <time dateTime={createdAt.toISOString()}>{format.dateTime(createdAt)}</time>
        </p>
      </div>
    </li>
  )
}

const INTERACTION_VERBS = { 'interaction.created': 'created', 'interaction.updated': 'updated', 'interaction.deleted': 'deleted' } as const

/** An interaction logged (changed, removed) about the organisation. */
function InteractionItem({ entry, interaction, actor }: { entry: TimelineEntry; interaction: { kind: string; summary: string }; actor: string }) {
  const { t } = useTranslation()
  const format = useFormatters()
  const verb = INTERACTION_VERBS[entry.type as keyof typeof INTERACTION_VERBS] ?? 'updated'
  const kind = isKind(interaction.kind) ? t(`activity.kinds.${interaction.kind}`) : interaction.kind
  const Icon = isKind(interaction.kind) ? KIND_ICONS[interaction.kind] : MessageSquare
  return (
    <li className="flex gap-3 px-5 py-3" data-testid="timeline-entry" data-event-id={entry.id} data-type={entry.type}>
      <span className="mt-0.5 flex size-7 shrink-0 items-center justify-center rounded-full bg-indigo-50 text-indigo-600 dark:bg-indigo-500/10 dark:text-indigo-400">
        <Icon aria-hidden className="size-3.5" />
      </span>
      <div className="min-w-0 flex-1">
        <p className="text-sm text-zinc-900 dark:text-zinc-100">{t(`activity.timeline.${verb}`, { name: actor, kind })}</p>
        <p className="mt-0.5 text-sm break-words text-zinc-700 dark:text-zinc-300">{interaction.summary}</p>
        <p className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">
          <time dateTime={entry.createdAt.toISOString()}>{format.dateTime(entry.createdAt)}</time>
        </p>
      </div>
    </li>
  )
}

function isKind(value: string): value is InteractionKind {
  return (INTERACTION_KINDS as readonly string[]).includes(value)
}

function TimelineItem({ entry, teamId }: { entry: TimelineEntry; teamId: string }) {
  const { t } = useTranslation()
  const format = useFormatters()
  const fieldLabel = useFieldLabel()
  const members = useTeamMembers({ teamId })
  const ownerName = (id: string) => members.data?.items.find((member) => member.id === id)?.name
  const formatValue = useFieldValueFormatter(ownerName)
  const actor = entry.actor?.name ?? t('collaboration.timeline.someone')
  const type = (KNOWN_TYPES as readonly string[]).includes(entry.type) ? entry.type.split('.')[1] : 'updated'
  const changes = Object.entries(entry.changes)
  if (entry.interaction) return <InteractionItem entry={entry} interaction={entry.interaction} actor={actor} />

  return (
    <li className="flex gap-3 px-5 py-3" data-testid="timeline-entry" data-event-id={entry.id}>
      {entry.actor ? (
        <Avatar name={entry.actor.name} color={userColor(entry.actor.id, entry.actor.avatarColor)} className="mt-0.5 size-7 text-[0.625rem]" />
      ) : (
        <Avatar name="?" className="mt-0.5 size-7 text-[0.625rem]" />
      )}
      <div className="min-w-0 flex-1">
        <p className="text-sm text-zinc-900 dark:text-zinc-100">
          {t(`collaboration.timeline.types.${type as 'updated'}`, { name: actor })}
        </p>
        {type !== 'notes_edited' && changes.length > 0 && (
          <ul className="mt-1 space-y-0.5 text-xs text-zinc-600 dark:text-zinc-400">
            {changes.map(([field, change]) => (
              <li key={field} className="flex flex-wrap items-center gap-x-1.5" data-testid="timeline-change" data-field={field}>
                <span className="font-medium text-zinc-700 dark:text-zinc-300">{fieldLabel(field)}</span>
                <span className="break-all line-through decoration-zinc-400/70">{formatValue(field, change.from)}</span>
                <ArrowRight aria-label={t('collaboration.timeline.to')} className="size-3 shrink-0" />
                <span className="break-all text-zinc-900 dark:text-zinc-100">{formatValue(field, change.to)}</span>
              </li>
            ))}
          </ul>
        )}
        <p className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">
          <time dateTime={entry.createdAt.toISOString()}>{format.dateTime(entry.createdAt)}</time>
        </p>
      </div>
    </li>
  )
}
