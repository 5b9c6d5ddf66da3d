import { Link, useNavigate } from '@tanstack/react-router'
import { useTranslation } from 'react-i18next'
import type { Selection } from '../../../components/list-page/selection.ts'
import { DataTable, type Column } from '../../../components/list-page/data-table.tsx'
import { Muted } from '../../../components/list-page/muted.tsx'
import { focusRing } from '../../../components/ui/button.tsx'
import { FormattedDate } from '../../../components/ui/formatted-date.tsx'
import { StatusBadge } from '../../../components/ui/status-badge.tsx'
import { cn } from '../../../lib/cn.ts'
import { MANDATE_STATUS_TONES, type MandateSummary } from '../mandate-display.ts'

const calendarDate = (value: string | null) => (value ? <FormattedDate value={value} format="calendar" /> : <Muted />)

/** The list's columns; on narrow screens the organisation, reference and status stay. */
export function useMandateColumns(): Column<MandateSummary>[] {
  const { t } = useTranslation()
  return [
    {
      key: 'organisation',
      label: t('mandate.columns.organisation'),
      primary: true,
      cellClassName: 'font-medium text-zinc-900 dark:text-white',
      cell: (mandate) => (
        <Link
          to="/mandates/$id"
          params={{ id: mandate.id }}
          className={cn('rounded hover:text-indigo-600 dark:hover:text-indigo-400', focusRing)}
        >
          {mandate.organisation.name}
        </Link>
      ),
    },
    {
      key: 'reference',
      label: t('mandate.columns.reference'),
      cellClassName: 'whitespace-nowrap',
      cell: (mandate) => mandate.reference ?? <Muted />,
    },
    {
      key: 'type',
      label: t('mandate.columns.type'),
      className: 'hidden md:table-cell',
      cellClassName: 'whitespace-nowrap',
      cell: (mandate) => t(`mandate.types.${mandate.type}`),
    },
    {
      key: 'status',
      label: t('mandate.columns.status'),
      cell: (mandate) => (
        <StatusBadge tone={MANDATE_STATUS_TONES[mandate.status]} dot>
          {t(`mandate.statuses.${mandate.status}`)}
        </StatusBadge>
      ),
    },
    {
      key: 'products',
      label: t('mandate.columns.products'),
      align: 'right',
      className: 'hidden sm:table-cell',
      cellClassName: 'tabular-nums',
      cell: (mandate) => mandate.productCount,
    },
    {
      key: 'startDate',
      label: t('mandate.columns.startDate'),
      className: 'hidden lg:table-cell',
      cellClassName: 'whitespace-nowrap',
      cell: (mandate) => calendarDate(mandate.startDate),
    },
    {
      key: 'endDate',
      label: t('mandate.columns.endDate'),
      className: 'hidden lg:table-cell',
      cellClassName: 'whitespace-nowrap',
      cell: (mandate) => calendarDate(mandate.endDate),
    },
  ]
}

interface MandatesTableProps {
  mandates: MandateSummary[]
  hidden: ReadonlySet<string>
  /** Rows of the previous filters, shown dimmed while the new ones load. */
  stale?: boolean
  /** Tick boxes for bulk actions (writers only). */
  selection?: Selection
}

export function MandatesTable({ mandates, hidden, stale = false, selection }: MandatesTableProps) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  return (
    <DataTable
      rows={mandates}
      columns={useMandateColumns()}
      hidden={hidden}
      label={t('mandate.list.title')}
      rowName={(mandate) => mandate.reference ?? mandate.organisation.name}
      onOpen={(mandate) => void navigate({ to: '/mandates/$id', params: { id: mandate.id } })}
      stale={stale}
      selection={selection}
      data-testid="mandates-table"
    />
  )
}
