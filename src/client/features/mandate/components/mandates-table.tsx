import { Link, useNavigate } from '@tanstack/react-router'
import { useTranslation } from 'react-i18next'
import { focusRing } from '../../../components/ui/button.tsx'
import { FormattedDate } from '../../../components/ui/formatted-date.tsx'
import { StatusBadge } from '../../../components/ui/status-badge.tsx'
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeaderCell,
  TableRow,
} from '../../../components/ui/table.tsx'
import { cn } from '../../../lib/cn.ts'
import { MANDATE_STATUS_TONES, type MandateSummary } from '../mandate-display.ts'

interface MandatesTableProps {
  mandates: MandateSummary[]
  /** Rows of the previous filters, shown dimmed while the new ones load. */
  stale?: boolean
}

export function MandatesTable({ mandates, stale = false }: MandatesTableProps) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const calendarDate = (value: string | null) =>
    value ? <FormattedDate value={value} format="calendar" /> : <span className="text-zinc-400 dark:text-zinc-500">—</span>
  return (
    <Table className={cn('transition-opacity', stale && 'opacity-60')} data-testid="mandates-table">
      <TableHead>
        <tr>
          <TableHeaderCell>{t('mandate.columns.organisation')}</TableHeaderCell>
          <TableHeaderCell>{t('mandate.columns.reference')}</TableHeaderCell>
          <TableHeaderCell>{t('mandate.columns.type')}</TableHeaderCell>
          <TableHeaderCell>{t('mandate.columns.status')}</TableHeaderCell>
          <TableHeaderCell align="right">{t('mandate.columns.products')}</TableHeaderCell>
          <TableHeaderCell>{t('mandate.columns.startDate')}</TableHeaderCell>
          <TableHeaderCell>{t('mandate.columns.endDate')}</TableHeaderCell>
        </tr>
      </TableHead>
      <TableBody>
        {mandates.map((mandate) => (
          <TableRow
            key={mandate.id}
            interactive
            onClick={() => void navigate({ to: '/mandates/$id', params: { id: mandate.id } })}
          >
            <TableCell className="font-medium text-zinc-900 dark:text-white">
              <Link
                to="/mandates/$id"
                params={{ id: mandate.id }}
                onClick={(event) => event.stopPropagation()}
                className={cn('rounded hover:text-indigo-600 dark:hover:text-indigo-400', focusRing)}
              >
                {mandate.organisation.name}
              </Link>
            </TableCell>
            <TableCell className="whitespace-nowrap">
              {mandate.reference ?? <span className="text-zinc-400 dark:text-zinc-500">—</span>}
            </TableCell>
            <TableCell className="whitespace-nowrap">{t(`mandate.types.${mandate.type}`)}</TableCell>
            <TableCell>
              <StatusBadge tone={MANDATE_STATUS_TONES[mandate.status]} dot>
                {t(`mandate.statuses.${mandate.status}`)}
              </StatusBadge>
            </TableCell>
            <TableCell align="right" className="tabular-nums">
              {mandate.productCount}
            </TableCell>
            <TableCell className="whitespace-nowrap">{calendarDate(mandate.startDate)}</TableCell>
            <TableCell className="whitespace-nowrap">{calendarDate(mandate.endDate)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  )
}
