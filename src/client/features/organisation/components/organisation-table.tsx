import { Link, useNavigate } from '@tanstack/react-router'
import { useTranslation } from 'react-i18next'
import { Avatar } from '../../../components/ui/avatar.tsx'
import { focusRing } from '../../../components/ui/button.tsx'
import { Skeleton } from '../../../components/ui/skeleton.tsx'
import {
  SortableHeaderCell,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeaderCell,
  TableRow,
} from '../../../components/ui/table.tsx'
import { cn } from '../../../lib/cn.ts'
import type { RouterOutputs } from '../../../lib/trpc.ts'
import { useFormatters } from '../format.ts'
import { defaultDirection, isSortField, type OrganisationSortField, type SortDirection } from '../search.ts'
import { InactiveBadge, StageBadge, TypeBadge } from './organisation-badges.tsx'

export type OrganisationRow = RouterOutputs['organisations']['list']['items'][number]

type ColumnKey = 'name' | 'type' | 'stage' | 'potentialAmount' | 'owner' | 'updatedAt'

// A column sorts when the shared list schema offers its key.
// On narrow screens the secondary columns give way to name, stage and amount.
const COLUMNS: readonly { key: ColumnKey; align?: 'right'; className?: string }[] = [
  { key: 'name' },
  { key: 'type', className: 'hidden md:table-cell' },
  { key: 'stage' },
  { key: 'potentialAmount', align: 'right' },
  { key: 'owner', className: 'hidden lg:table-cell' },
  { key: 'updatedAt', align: 'right', className: 'hidden sm:table-cell' },
]

const columnClass = (key: ColumnKey) => COLUMNS.find((column) => column.key === key)?.className

interface OrganisationTableProps {
  rows: readonly OrganisationRow[]
  sort: { field: OrganisationSortField; direction: SortDirection }
  onSort: (field: OrganisationSortField, direction: SortDirection) => void
  /** Rows of a previous filter, shown dimmed while the new ones load. */
  stale?: boolean
}

export function OrganisationTable({ rows, sort, onSort, stale = false }: OrganisationTableProps) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const format = useFormatters()

  return (
    <Table
      aria-label={t('organisation.list.tableLabel')}
      aria-busy={stale || undefined}
      className={cn('transition-opacity', stale && 'opacity-60')}
      data-testid="organisation-table"
    >
      <TableHead>
        <tr>
          {COLUMNS.map(({ key, align, className }) => {
            const label = t(`organisation.columns.${key}`)
            if (!isSortField(key)) {
              return (
                <TableHeaderCell key={key} align={align} className={className}>
                  {label}
                </TableHeaderCell>
              )
            }
            const active = sort.field === key
            return (
              <SortableHeaderCell
                key={key}
                align={align}
                className={className}
                label={label}
                direction={active ? sort.direction : undefined}
                onSort={() =>
                  onSort(key, active ? (sort.direction === 'asc' ? 'desc' : 'asc') : defaultDirection(key))
                }
              />
            )
          })}
        </tr>
      </TableHead>
      <TableBody>
        {rows.map((row) => (
          <TableRow
            key={row.id}
            interactive
            // The name is the keyboard's way in; the rest of the row is a larger target for the mouse.
            onClick={(event) => {
              if ((event.target as HTMLElement).closest('a')) return
              void navigate({ to: '/organisations/$id', params: { id: row.id } })
            }}
          >
            <TableCell className="min-w-52 sm:min-w-64">
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
                <p className="mt-0.5 text-xs text-zinc-500 dark:text-zinc-400">
                  {[row.category, row.city].filter(Boolean).join(' · ')}
                </p>
              )}
            </TableCell>
            <TableCell className={columnClass('type')}>
              <TypeBadge type={row.type} />
            </TableCell>
            <TableCell>
              <StageBadge stage={row.stage} />
            </TableCell>
            <TableCell align="right" className="whitespace-nowrap tabular-nums">
              {row.potentialAmount === null ? (
                <span className="text-zinc-400 dark:text-zinc-500">—</span>
              ) : (
                format.amount(row.potentialAmount)
              )}
            </TableCell>
            <TableCell className={cn('whitespace-nowrap', columnClass('owner'))}>
              {row.owner ? (
                <span className="flex items-center gap-2">
                  <Avatar name={row.owner.name} className="size-6 text-[0.625rem]" />
                  {row.owner.name}
                </span>
              ) : (
                <span className="text-zinc-400 dark:text-zinc-500">{t('organisation.list.noOwner')}</span>
              )}
            </TableCell>
            <TableCell
              align="right"
              className={cn('whitespace-nowrap text-zinc-500 tabular-nums dark:text-zinc-400', columnClass('updatedAt'))}
            >
              <time dateTime={row.updatedAt.toISOString()}>{format.date(row.updatedAt)}</time>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  )
}

export function OrganisationTableSkeleton({ rows = 8 }: { rows?: number }) {
  const { t } = useTranslation()
  return (
    <div aria-busy="true">
      <span role="status" className="sr-only">
        {t('organisation.list.loading')}
      </span>
      <Table aria-hidden>
        <TableHead>
          <tr>
            {COLUMNS.map(({ key, align, className }) => (
              <TableHeaderCell key={key} align={align} className={className}>
                {t(`organisation.columns.${key}`)}
              </TableHeaderCell>
            ))}
          </tr>
        </TableHead>
        <TableBody>
          {Array.from({ length: rows }, (_, index) => (
            <tr key={index}>
              <TableCell>
                <Skeleton className="h-4 w-56" />
                <Skeleton className="mt-1.5 h-3 w-32" />
              </TableCell>
              <TableCell className={columnClass('type')}>
                <Skeleton className="h-5 w-24 rounded-full" />
              </TableCell>
              <TableCell>
                <Skeleton className="h-5 w-24 rounded-full" />
              </TableCell>
              <TableCell>
                <Skeleton className="ml-auto h-4 w-24" />
              </TableCell>
              <TableCell className={columnClass('owner')}>
                <Skeleton className="h-4 w-28" />
              </TableCell>
              <TableCell className={columnClass('updatedAt')}>
                <Skeleton className="ml-auto h-4 w-20" />
              </TableCell>
            </tr>
          ))}
        </TableBody>
      </Table>
    </div>
  )
}
