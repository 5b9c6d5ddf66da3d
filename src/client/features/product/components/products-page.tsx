import { useState } from 'react'
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query'
import { Package, Plus } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { can } from '../../../../shared/permissions.ts'
import { PRODUCT_KINDS, PRODUCT_STATUSES } from '../../../../shared/schemas/product.ts'
import { RecordList } from '../../../components/record-list.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { MultiSelect } from '../../../components/ui/multi-select.tsx'
import { SearchField } from '../../../components/ui/search-field.tsx'
import { useTRPC } from '../../../lib/trpc.ts'
import { useViewer } from '../../auth/hooks/use-viewer.ts'
import { PageHeader } from '../../shell/components/page-header.tsx'
import { productListOptions, type ProductListSearch } from '../product-search.ts'
import { ProductFormDialog } from './product-form-dialog.tsx'
import { ProductsTable } from './products-table.tsx'

interface ProductsPageProps {
  search: ProductListSearch
  onSearchChange: (search: ProductListSearch) => void
}

export function ProductsPage({ search, onSearchChange }: ProductsPageProps) {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const viewer = useViewer()
  const canWrite = can(viewer.role, 'record:write')
  const [creating, setCreating] = useState(false)
  const query = useInfiniteQuery({ ...productListOptions(trpc, search), placeholderData: keepPreviousData })
  const items = query.data?.pages.flatMap((page) => page.items) ?? []
  const total = query.data?.pages[0]?.total ?? 0
  const filtered = Boolean(search.q || search.kind?.length || search.status?.length)

  const createButton = canWrite && (
    <Button onClick={() => setCreating(true)}>
      <Plus aria-hidden className="size-4" />
      {t('product.list.create')}
    </Button>
  )

  return (
    <div className="space-y-6">
      <PageHeader
        title={t('product.list.title')}
        description={t('product.list.description')}
        icon={Package}
        actions={createButton}
      />

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

      <RecordList
        query={query}
        messages="product.list"
        shown={items.length}
        total={total}
        skeletonColumns={6}
        filtered={filtered}
        onClearFilters={() => onSearchChange({})}
        emptyIcon={Package}
        emptyAction={createButton}
      >
        <ProductsTable products={items} stale={query.isPlaceholderData} />
      </RecordList>

      <ProductFormDialog open={creating} onClose={() => setCreating(false)} />
    </div>
  )
}
