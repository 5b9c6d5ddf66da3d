import { Link, useNavigate } from '@tanstack/react-router'
import { useTranslation } from 'react-i18next'
import { DataTable, type Column } from '../../../components/list-page/data-table.tsx'
import { Muted } from '../../../components/list-page/muted.tsx'
import type { Selection } from '../../../components/list-page/selection.ts'
import { Avatar } from '../../../components/ui/avatar.tsx'
import { focusRing } from '../../../components/ui/button.tsx'
import { cn } from '../../../lib/cn.ts'
import type { RouterOutputs } from '../../../lib/trpc.ts'
import { useFormatters } from '../format.ts'
import { defaultDirection, isSortField, type OrganisationSortField, type SortDirection } from '../search.ts'
import { InactiveBadge, StageBadge, TypeBadge } from './organisation-badges.tsx'

export type OrganisationRow = RouterOutputs['organisations']['list']['items'][number]

/** The list's columns; on narrow screens the secondary ones give way to name, stage and amount. */
export function useOrganisationColumns(): Column<OrganisationRow>[] {
  const { t } = useTranslation()
  const format = useFormatters()
  const label = (key: 'name' | 'type' | 'stage' | 'potentialAmount' | 'owner' | 'updatedAt') =>
    t(`organisation.columns.${key}`)
  return [
    {
      key: 'name',
      label: label('name'),
      primary: true,
      sortable: true,
      className: 'min-w-48 sm:min-w-64',
      cell: (row) => (
        <>
          <div className="flex items-center gap-2">
            <Link
              to="/organisations/$id"
              params={{ id: row.id }}
              className={cn(
                'rounded font-medium text-zinc-900 hover:text-indigo-600 dark:text-white dark:hover:text-indigo-400',
                focusRing,
              )}
            >
              {row.name}
            </Link>
            {!row.isActive && <InactiveBadge label={t('organisation.list.inactive')} />}
          </div>
          {(row.category || row.city) && (
            <p className="mt-0.5 text-xs text-zinc-600 dark:text-zinc-400">
              {[row.category, row.city].filter(Boolean).join(' · ')}
            </p>
          )}
        </>
      ),
    },
    { key: 'type', label: label('type'), sortable: true, className: 'hidden md:table-cell', cell: (row) => <TypeBadge type={row.type} /> },
    { key: 'stage', label: label('stage'), sortable: true, cell: (row) => <StageBadge stage={row.stage} /> },
    {
      key: 'potentialAmount',
      label: label('potentialAmount'),
      sortable: true,
      align: 'right',
      cellClassName: 'whitespace-nowrap tabular-nums',
      cell: (row) => (row.potentialAmount === null ? <Muted /> : format.amount(row.potentialAmount)),
    },
    {
      key: 'owner',
      label: label('owner'),
      sortable: true,
      className: 'hidden lg:table-cell',
      cellClassName: 'whitespace-nowrap',
      cell: (row) =>
        row.owner ? (
          <span className="flex items-center gap-2">
            <Avatar name={row.owner.name} className="size-6 text-[0.625rem]" />
            {row.owner.name}
          </span>
        ) : (
          <Muted>{t('organisation.list.noOwner')}</Muted>
        ),
    },
    {
      key: 'updatedAt',
      label: label('updatedAt'),
      sortable: true,
      align: 'right',
      className: 'hidden sm:table-cell',
      cellClassName: 'whitespace-nowrap text-zinc-600 tabular-nums dark:text-zinc-400',
      cell: (row) => <time dateTime={row.updatedAt.toISOString()}>{format.date(row.updatedAt)}</time>,
    },
  ]
}

interface OrganisationTableProps {
  rows: readonly OrganisationRow[]
  columns: readonly Column<OrganisationRow>[]
  hidden: ReadonlySet<string>
  sort: { field: OrganisationSortField; direction: SortDirection }
  onSort: (field: OrganisationSortField, direction: SortDirection) => void
  selection?: Selection
  /** Rows of a previous filter, shown dimmed while the new ones load. */
  stale?: boolean
}

export function OrganisationTable({ rows, columns, hidden, sort, onSort, selection, stale = false }: OrganisationTableProps) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  return (
    <DataTable
      rows={rows}
      columns={columns}
      hidden={hidden}
      label={t('organisation.list.tableLabel')}
      rowName={(row) => row.name}
      onOpen={(row) => void navigate({ to: '/organisations/$id', params: { id: row.id } })}
      sort={sort}
      onSort={(field) => {
        if (!isSortField(field)) return
        const active = sort.field === field
        onSort(field, active ? (sort.direction === 'asc' ? 'desc' : 'asc') : defaultDirection(field))
      }}
      selection={selection}
      stale={stale}
      data-testid="organisation-table"
    />
  )
}
