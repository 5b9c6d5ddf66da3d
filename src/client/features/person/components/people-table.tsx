import { Link, useNavigate } from '@tanstack/react-router'
import { useTranslation } from 'react-i18next'
import type { Selection } from '../../../components/list-page/selection.ts'
import { DataTable, type Column } from '../../../components/list-page/data-table.tsx'
import { Muted } from '../../../components/list-page/muted.tsx'
import { Avatar } from '../../../components/ui/avatar.tsx'
import { focusRing } from '../../../components/ui/button.tsx'
import { cn } from '../../../lib/cn.ts'
import { fullName, type PersonSummary } from '../person-display.ts'

/** The list's columns; on narrow screens the name and organisation stay, the rest give way. */
export function usePeopleColumns(): Column<PersonSummary>[] {
  const { t } = useTranslation()
  return [
    {
      key: 'name',
      label: t('person.columns.name'),
      primary: true,
      cell: (person) => (
        <span className="flex items-center gap-3">
          <Avatar name={fullName(person)} />
          <Link
            to="/people/$id"
            params={{ id: person.id }}
            className={cn(
              'rounded font-medium whitespace-nowrap text-zinc-900 hover:text-indigo-600 dark:text-white dark:hover:text-indigo-400',
              focusRing,
            )}
          >
            {fullName(person)}
          </Link>
        </span>
      ),
    },
    {
      key: 'organisation',
      label: t('person.columns.organisation'),
      cell: (person) =>
        person.primaryOrganisation ? (
          <Link
            to="/organisations/$id"
            params={{ id: person.primaryOrganisation.id }}
            className={cn('rounded hover:text-indigo-600 dark:hover:text-indigo-400', focusRing)}
          >
            {person.primaryOrganisation.name}
          </Link>
        ) : (
          <Muted />
        ),
    },
    {
      key: 'jobTitle',
      label: t('person.columns.jobTitle'),
      className: 'hidden md:table-cell',
      cellClassName: 'min-w-40',
      cell: (person) => person.jobTitle ?? <Muted />,
    },
    {
      key: 'contact',
      label: t('person.columns.contact'),
      className: 'hidden sm:table-cell',
      cellClassName: 'max-w-64',
      cell: (person) =>
        person.email || person.phone ? (
          <span className="flex flex-col">
            {person.email && <span className="truncate">{person.email}</span>}
            {person.phone && (
              <span className={cn('whitespace-nowrap', person.email && 'text-xs text-zinc-600 dark:text-zinc-400')}>
                {person.phone}
              </span>
            )}
          </span>
        ) : (
          <Muted />
        ),
    },
    {
      key: 'owner',
      label: t('person.columns.owner'),
      className: 'hidden xl:table-cell',
      cellClassName: 'whitespace-nowrap',
      cell: (person) => person.owner?.name ?? <Muted />,
    },
  ]
}

interface PeopleTableProps {
  people: PersonSummary[]
  hidden: ReadonlySet<string>
  /** Rows of the previous filters, shown dimmed while the new ones load. */
  stale?: boolean
  /** Tick boxes for bulk actions (writers only). */
  selection?: Selection
}

export function PeopleTable({ people, hidden, stale = false, selection }: PeopleTableProps) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  return (
    <DataTable
      rows={people}
      columns={usePeopleColumns()}
      hidden={hidden}
      label={t('person.list.title')}
      rowName={fullName}
      onOpen={(person) => void navigate({ to: '/people/$id', params: { id: person.id } })}
      stale={stale}
      selection={selection}
      data-testid="people-table"
    />
  )
}
