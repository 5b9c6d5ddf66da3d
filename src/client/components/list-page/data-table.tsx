import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { cn } from '../../lib/cn.ts'
import { Checkbox } from '../ui/checkbox.tsx'
import {
  SortableHeaderCell,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeaderCell,
  TableRow,
  type SortDirection,
} from '../ui/table.tsx'
import type { Selection } from './selection.ts'

/** One column of a record table. */
export interface Column<Row> {
  key: string
  label: string
  cell: (row: Row) => ReactNode
  align?: 'right'
  /** Classes of the header and of every cell: `hidden md:table-cell` gives way on narrow screens. */
  className?: string
  cellClassName?: string
  /** The list's server sort offers this key. */
  sortable?: boolean
  /** The column that names the row: never hidden by the column choice. */
  primary?: boolean
}

export interface TableSort {
  field: string
  direction: SortDirection
}

interface DataTableProps<Row extends { id: string }> {
  rows: readonly Row[]
  columns: readonly Column<Row>[]
  label: string
  /** Opens the row's page; the row's own link is the keyboard's way in. */
  onOpen: (row: Row) => void
  /** A short name of the row for the tick box ("Sélectionner Caisse X"). */
  rowName: (row: Row) => string
  sort?: TableSort
  onSort?: (field: string) => void
  /** Keys of columns the user chose to hide. */
  hidden?: ReadonlySet<string>
  selection?: Selection
  /** Rows of a previous filter, shown dimmed while the new ones load. */
  stale?: boolean
  'data-testid'?: string
}

/** A record list's table: sortable headers, optional tick boxes, column choice, clickable rows. */
export function DataTable<Row extends { id: string }>({
  rows,
  columns,
  label,
  onOpen,
  rowName,
  sort,
  onSort,
  hidden,
  selection,
  stale = false,
  'data-testid': testId,
}: DataTableProps<Row>) {
  const { t } = useTranslation()
  const shown = columns.filter((column) => column.primary || !hidden?.has(column.key))
  const ids = rows.map((row) => row.id)
  const ticked = selection ? ids.filter((id) => selection.has(id)).length : 0

  return (
    <Table
      aria-label={label}
      aria-busy={stale || undefined}
      className={cn('transition-opacity', stale && 'opacity-60')}
      data-testid={testId}
    >
      <TableHead>
        <tr>
          {selection && (
            <TableHeaderCell className="w-10 pr-0">
              <Checkbox
                aria-label={t('list.selectAll')}
                checked={ticked > 0 && ticked === ids.length}
                ref={(input) => {
                  if (input) input.indeterminate = ticked > 0 && ticked < ids.length
                }}
                onChange={() => selection.toggleAll(ids)}
                data-testid="select-all"
              />
            </TableHeaderCell>
          )}
          {shown.map(({ key, label: columnLabel, align, className, sortable }) => {
            if (!sortable || !sort || !onSort) {
              return (
                <TableHeaderCell key={key} align={align} className={className}>
                  {columnLabel}
                </TableHeaderCell>
              )
            }
            return (
              <SortableHeaderCell
                key={key}
                align={align}
                className={className}
                label={columnLabel}
                direction={sort.field === key ? sort.direction : undefined}
                onSort={() => onSort(key)}
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
            className={cn(selection?.has(row.id) && 'bg-indigo-50/60 dark:bg-indigo-950/30')}
            // The row's link is the keyboard's way in; the rest of the row is a larger target for the mouse.
            onClick={(event) => {
              if ((event.target as HTMLElement).closest('a, button, input, label')) return
              onOpen(row)
            }}
          >
            {selection && (
              <TableCell className="w-10 pr-0">
                <Checkbox
                  aria-label={t('list.selectRow', { name: rowName(row) })}
                  checked={selection.has(row.id)}
                  onChange={() => selection.toggle(row.id)}
                  data-testid="select-row"
                />
              </TableCell>
            )}
            {shown.map((column) => (
              <TableCell key={column.key} align={column.align} className={cn(column.className, column.cellClassName)}>
                {column.cell(row)}
              </TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  )
}
