import { Link, useNavigate } from '@tanstack/react-router'
import { useTranslation } from 'react-i18next'
import type { RouterOutputs } from '../../../lib/trpc.ts'
import { DataTable, type Column } from '../../../components/list-page/data-table.tsx'
import { Muted } from '../../../components/list-page/muted.tsx'
import { focusRing } from '../../../components/ui/button.tsx'
import { FormattedDate } from '../../../components/ui/formatted-date.tsx'
import { cn } from '../../../lib/cn.ts'
import { KIND_ICONS } from '../activity-kinds.ts'

export type ActivitySummary = RouterOutputs['interactions']['list']['items'][number]

const linkClass = cn('rounded hover:text-indigo-600 dark:hover:text-indigo-400', focusRing)

const personName = (person: ActivitySummary['people'][number]) => `${person.firstName} ${person.lastName}`.trim()

/** The list's columns; on narrow screens date, kind and summary stay. */
export function useActivityColumns(): Column<ActivitySummary>[] {
  const { t } = useTranslation()
  return [
    {
      key: 'occurredAt',
      label: t('activityList.columns.occurredAt'),
      cellClassName: 'whitespace-nowrap tabular-nums',
      cell: (activity) => <FormattedDate value={activity.occurredAt} format="dateTime" />,
    },
    {
      key: 'kind',
      label: t('activityList.columns.kind'),
      className: 'hidden sm:table-cell',
      cellClassName: 'whitespace-nowrap',
      cell: (activity) => {
        const Icon = KIND_ICONS[activity.kind]
        return (
          <span className="inline-flex items-center gap-1.5">
            <Icon aria-hidden className="size-4 text-zinc-400" />
            {t(`activity.kinds.${activity.kind}`)}
          </span>
        )
      },
    },
    {
      key: 'summary',
      label: t('activityList.columns.summary'),
      primary: true,
      cellClassName: 'font-medium text-zinc-900 dark:text-white max-w-40 truncate sm:max-w-64',
      cell: (activity) => activity.summary,
    },
    {
      key: 'organisation',
      label: t('activityList.columns.organisation'),
      className: 'hidden md:table-cell',
      cellClassName: 'min-w-44',
      cell: (activity) =>
        activity.organisation ? (
          <Link to="/organisations/$id" params={{ id: activity.organisation.id }} className={linkClass}>
            {activity.organisation.name}
          </Link>
        ) : (
          <Muted />
        ),
    },
    {
      key: 'people',
      label: t('activityList.columns.people'),
      className: 'hidden xl:table-cell',
      cell: (activity) =>
        activity.people.length ? (
          <span className="flex flex-wrap gap-x-2">
            {activity.people.map((person) => (
              <Link key={person.id} to="/people/$id" params={{ id: person.id }} className={linkClass}>
                {personName(person)}
              </Link>
            ))}
          </span>
        ) : (
          <Muted />
        ),
    },
    {
      key: 'author',
      label: t('activityList.columns.author'),
      className: 'hidden lg:table-cell',
      cellClassName: 'whitespace-nowrap',
      cell: (activity) => activity.author?.name ?? <Muted />,
    },
  ]
}

interface ActivitiesTableProps {
  activities: ActivitySummary[]
  hidden: ReadonlySet<string>
  /** Rows of the previous filters, shown dimmed while the new ones load. */
  stale?: boolean
}

export function ActivitiesTable({ activities, hidden, stale = false }: ActivitiesTableProps) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  return (
    <DataTable
      rows={activities}
      columns={useActivityColumns()}
      hidden={hidden}
      label={t('activityList.list.title')}
      rowName={(activity) => activity.summary}
      // An activity is read on the page of what it concerns: its organisation, else its first person.
      onOpen={(activity) => {
        if (activity.organisation) void navigate({ to: '/organisations/$id', params: { id: activity.organisation.id } })
        else if (activity.people[0]) void navigate({ to: '/people/$id', params: { id: activity.people[0].id } })
      }}
      stale={stale}
      data-testid="activities-table"
    />
  )
}
