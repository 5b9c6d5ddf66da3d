import { useState } from 'react'
import { useInfiniteQuery } from '@tanstack/react-query'
import { Package } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { can } from '../../../../shared/permissions.ts'
import { PRODUCT_KINDS, PRODUCT_STATUSES } from '../../../../shared/schemas/product.ts'
import { ColumnChoice, useHiddenColumns } from '../../../components/list-page/column-choice.tsx'
import { CreateButton } from '../../../components/list-page/create-button.tsx'
import { ListPage } from '../../../components/list-page/list-page.tsx'
import { RecordList } from '../../../components/list-page/record-list.tsx'
import { useSelection } from '../../../components/list-page/selection.ts'
import { useListLiveRefresh } from '../../../components/list-page/use-list-live-refresh.ts'
import { ProductBulkActions } from './product-bulk-actions.tsx'
import { SavedViews } from '../../../components/list-page/saved-views.tsx'
import { loadedRows, totalText } from '../../../components/list-page/use-record-list.ts'
import { MultiSelect } from '../../../components/ui/multi-select.tsx'
import { SearchField } from '../../../components/ui/search-field.tsx'
import { useTRPC } from '../../../lib/trpc.ts'
import { useViewer } from '../../auth/hooks/use-viewer.ts'
import { productListOptions, productListQuery, productListSearch, type ProductListSearch } from '../product-search.ts'
import { ProductFormDialog } from './product-form-dialog.tsx'
import { ProductsTable, useProductColumns } from './products-table.tsx'
import { ExportMenu } from '../../export/components/export-menu.tsx'

interface ProductsPageProps {
  search: ProductListSearch
  onSearchChange: (search: ProductListSearch) => void
}

export function ProductsPage({ search, onSearchChange }: ProductsPageProps) {
  const { t, i18n } = useTranslation()
  const trpc = useTRPC()
  const viewer = useViewer()
  const [creating, setCreating] = useState(false)
  const query = useInfiniteQuery(productListOptions(trpc, search))
  const { items, total, totalCapped } = loadedRows(query.data)
  const columns = useProductColumns()
  const { hidden, setHidden } = useHiddenColumns('products')
  const canWrite = can(viewer.role, 'record:write')
  const selection = useSelection(JSON.stringify(search))
  useListLiveRefresh('product', trpc.products.list.pathFilter())
  const filtered = Boolean(search.q || search.kind?.length || search.status?.length)

  const createButton = can(viewer.role, 'record:write') && (
    <CreateButton label={t('product.list.create')} onClick={() => setCreating(true)} />
  )

  return (
    <ListPage
      title={t('product.list.title')}
      description={t('product.list.description')}
      icon={Package}
      actions={createButton}
      filters={
        <div className="flex flex-col gap-3 sm:flex-row">
          <SearchField
            label={t('product.list.search')}
            value={search.q ?? ''}
            onChange={(q) => onSearchChange({ ...search, q: q || undefined })}
            className="sm:max-w-sm sm:flex-1"
          />
          <div className="grid grid-cols-2 gap-3 sm:flex">
            <MultiSelect
              label={t('product.list.kindFilter')}
              options={PRODUCT_KINDS.map((kind) => ({ value: kind, label: t(`product.kinds.${kind}`) }))}
              value={search.kind ?? []}
              onChange={(kind) => onSearchChange({ ...search, kind: kind.length ? kind : undefined })}
              clearLabel={t('product.list.clearFilter')}
              className="sm:w-44"
            />
            <MultiSelect
              label={t('product.list.statusFilter')}
              options={PRODUCT_STATUSES.map((status) => ({ value: status, label: t(`product.statuses.${status}`) }))}
              value={search.status ?? []}
              onChange={(status) => onSearchChange({ ...search, status: status.length ? status : undefined })}
              clearLabel={t('product.list.clearFilter')}
              align="end"
              className="sm:w-44"
            />
          </div>
        </div>
      }
      selectionBar={canWrite && <ProductBulkActions selection={selection} />}
      toolbar={
        <>
          <ExportMenu entity="products" filters={productListQuery(search)} total={query.data ? total : undefined} totalCapped={totalCapped} />
          <SavedViews
            list="products"
            current={{ search, hiddenColumns: [...hidden] }}
            onApply={(view) => {
              onSearchChange(productListSearch.parse(view.search))
              setHidden(view.hiddenColumns)
            }}
          />
          <ColumnChoice columns={columns} hidden={hidden} onChange={setHidden} />
        </>
      }
    >
      <RecordList
        query={query}
        messages="product.list"
        shown={items.length}
        summary={t('product.list.count', { shown: items.length, count: total, total: totalText(total, totalCapped, i18n.language) })}
        skeletonColumns={6}
        filtered={filtered}
        clearFilters={{ label: t('product.list.clearFilters'), onClear: () => onSearchChange({}) }}
        emptyIcon={Package}
        emptyAction={createButton}
      >
        <ProductsTable products={items} hidden={hidden} stale={query.isPlaceholderData} selection={canWrite ? selection : undefined} />
      </RecordList>
      <ProductFormDialog open={creating} onClose={() => setCreating(false)} />
    </ListPage>
  )
}
