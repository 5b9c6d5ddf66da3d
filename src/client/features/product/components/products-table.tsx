import { Link, useNavigate } from '@tanstack/react-router'
import { useTranslation } from 'react-i18next'
import { focusRing } from '../../../components/ui/button.tsx'
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
import { ISIN_CLASS_NAME, PRODUCT_STATUS_TONES, type ProductSummary } from '../product-display.ts'

interface ProductsTableProps {
  products: ProductSummary[]
  /** Rows of the previous filters, shown dimmed while the new ones load. */
  stale?: boolean
}

export function ProductsTable({ products, stale = false }: ProductsTableProps) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  return (
    <Table className={cn('transition-opacity', stale && 'opacity-60')} data-testid="products-table">
      <TableHead>
        <tr>
          <TableHeaderCell>{t('product.columns.name')}</TableHeaderCell>
          <TableHeaderCell>{t('product.columns.isin')}</TableHeaderCell>
          <TableHeaderCell>{t('product.columns.kind')}</TableHeaderCell>
          <TableHeaderCell>{t('product.columns.status')}</TableHeaderCell>
          <TableHeaderCell>{t('product.columns.currency')}</TableHeaderCell>
          <TableHeaderCell align="right">{t('product.columns.mandates')}</TableHeaderCell>
        </tr>
      </TableHead>
      <TableBody>
        {products.map((product) => (
          <TableRow
            key={product.id}
            interactive
            onClick={() => void navigate({ to: '/products/$id', params: { id: product.id } })}
          >
            <TableCell className="font-medium text-zinc-900 dark:text-white">
              <Link
                to="/products/$id"
                params={{ id: product.id }}
                onClick={(event) => event.stopPropagation()}
                className={cn('rounded hover:text-indigo-600 dark:hover:text-indigo-400', focusRing)}
              >
                {product.name}
              </Link>
            </TableCell>
            <TableCell className={cn(ISIN_CLASS_NAME, 'whitespace-nowrap')}>{product.isin}</TableCell>
            <TableCell className="whitespace-nowrap">{t(`product.kinds.${product.kind}`)}</TableCell>
            <TableCell>
              <StatusBadge tone={PRODUCT_STATUS_TONES[product.status]} dot>
                {t(`product.statuses.${product.status}`)}
              </StatusBadge>
            </TableCell>
            <TableCell>{product.currency ?? '—'}</TableCell>
            <TableCell align="right" className="tabular-nums">
              {product.mandateCount}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  )
}
