import { Link, useNavigate } from '@tanstack/react-router'
import { useTranslation } from 'react-i18next'
import type { Selection } from '../../../components/list-page/selection.ts'
import { DataTable, type Column } from '../../../components/list-page/data-table.tsx'
import { Muted } from '../../../components/list-page/muted.tsx'
import { focusRing } from '../../../components/ui/button.tsx'
import { StatusBadge } from '../../../components/ui/status-badge.tsx'
import { cn } from '../../../lib/cn.ts'
import { ISIN_CLASS_NAME, PRODUCT_STATUS_TONES, type ProductSummary } from '../product-display.ts'

/** The list's columns; on narrow screens name and status stay. */
export function useProductColumns(): Column<ProductSummary>[] {
  const { t } = useTranslation()
  return [
    {
      key: 'name',
      label: t('product.columns.name'),
      primary: true,
      cellClassName: 'font-medium text-zinc-900 dark:text-white',
      cell: (product) => (
        <Link
          to="/products/$id"
          params={{ id: product.id }}
          className={cn('rounded hover:text-indigo-600 dark:hover:text-indigo-400', focusRing)}
        >
          {product.name}
        </Link>
      ),
    },
    {
      key: 'isin',
      label: t('product.columns.isin'),
      className: 'hidden sm:table-cell',
      cellClassName: cn(ISIN_CLASS_NAME, 'whitespace-nowrap'),
      cell: (product) => product.isin,
    },
    {
      key: 'kind',
      label: t('product.columns.kind'),
      className: 'hidden md:table-cell',
      cellClassName: 'whitespace-nowrap',
      cell: (product) => t(`product.kinds.${product.kind}`),
    },
    {
      key: 'status',
      label: t('product.columns.status'),
      cell: (product) => (
        <StatusBadge tone={PRODUCT_STATUS_TONES[product.status]} dot>
          {t(`product.statuses.${product.status}`)}
        </StatusBadge>
      ),
    },
    {
      key: 'currency',
      label: t('product.columns.currency'),
      className: 'hidden lg:table-cell',
      cell: (product) => product.currency ?? <Muted />,
    },
    {
      key: 'mandates',
      label: t('product.columns.mandates'),
      align: 'right',
      className: 'hidden sm:table-cell',
      cellClassName: 'tabular-nums',
      cell: (product) => product.mandateCount,
    },
  ]
}

interface ProductsTableProps {
  products: ProductSummary[]
  hidden: ReadonlySet<string>
  /** Rows of the previous filters, shown dimmed while the new ones load. */
  stale?: boolean
  /** Tick boxes for bulk actions (writers only). */
  selection?: Selection
}

export function ProductsTable({ products, hidden, stale = false, selection }: ProductsTableProps) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  return (
    <DataTable
      rows={products}
      columns={useProductColumns()}
      hidden={hidden}
      label={t('product.list.title')}
      rowName={(product) => product.name}
      onOpen={(product) => void navigate({ to: '/products/$id', params: { id: product.id } })}
      stale={stale}
      selection={selection}
      data-testid="products-table"
    />
  )
}
