import { useState } from 'react'
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query'
import { FileSignature, Plus } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { can } from '../../../../shared/permissions.ts'
import { MANDATE_STATUSES } from '../../../../shared/schemas/mandate.ts'
import { RecordList } from '../../../components/record-list.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { MultiSelect } from '../../../components/ui/multi-select.tsx'
import { SearchField } from '../../../components/ui/search-field.tsx'
import { useTRPC } from '../../../lib/trpc.ts'
import { useViewer } from '../../auth/hooks/use-viewer.ts'
import { PageHeader } from '../../shell/components/page-header.tsx'
import { mandateListOptions, type MandateListSearch } from '../mandate-search.ts'
import { MandateFormDialog } from './mandate-form-dialog.tsx'
import { MandatesTable } from './mandates-table.tsx'

interface MandatesPageProps {
  search: MandateListSearch
  onSearchChange: (search: MandateListSearch) => void
}

export function MandatesPage({ search, onSearchChange }: MandatesPageProps) {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const viewer = useViewer()
  const canWrite = can(viewer.role, 'record:write')
  const [creating, setCreating] = useState(false)
  const query = useInfiniteQuery({ ...mandateListOptions(trpc, search), placeholderData: keepPreviousData })
  const items = query.data?.pages.flatMap((page) => page.items) ?? []
  const total = query.data?.pages[0]?.total ?? 0
  const filtered = Boolean(search.q || search.status?.length)

  const createButton = canWrite && (
    <Button onClick={() => setCreating(true)}>
      <Plus aria-hidden className="size-4" />
      {t('mandate.list.create')}
    </Button>
  )

  return (
    <div className="space-y-6">
      <PageHeader
        title={t('mandate.list.title')}
        description={t('mandate.list.description')}
        icon={FileSignature}
        actions={createButton}
      />

      <div className="flex flex-col gap-3 sm:flex-row">
        <SearchField
          label={t('mandate.list.search')}
          value={search.q ?? ''}
          onChange={(q) => onSearchChange({ ...search, q: q || undefined })}
          className="sm:max-w-sm sm:flex-1"
        />
        <MultiSelect
          label={t('mandate.list.statusFilter')}
          options={MANDATE_STATUSES.map((status) => ({ value: status, label: t(`mandate.statuses.${status}`) }))}
          value={search.status ?? []}
          onChange={(status) => onSearchChange({ ...search, status: status.length ? status : undefined })}
          clearLabel={t('mandate.list.clearFilter')}
          className="sm:w-52"
          data-testid="mandate-status-filter"
        />
      </div>

      <RecordList
        query={query}
        messages="mandate.list"
        shown={items.length}
        total={total}
        skeletonColumns={7}
        filtered={filtered}
        onClearFilters={() => onSearchChange({})}
        emptyIcon={FileSignature}
        emptyAction={createButton}
      >
        <MandatesTable mandates={items} stale={query.isPlaceholderData} />
      </RecordList>

      <MandateFormDialog open={creating} onClose={() => setCreating(false)} />
    </div>
  )
}
