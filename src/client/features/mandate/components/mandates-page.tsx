import { useState } from 'react'
import { useInfiniteQuery } from '@tanstack/react-query'
import { FileSignature } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { can } from '../../../../shared/permissions.ts'
import { MANDATE_STATUSES } from '../../../../shared/schemas/mandate.ts'
import { ColumnChoice, useHiddenColumns } from '../../../components/list-page/column-choice.tsx'
import { CreateButton } from '../../../components/list-page/create-button.tsx'
import { ListPage } from '../../../components/list-page/list-page.tsx'
import { RecordList } from '../../../components/list-page/record-list.tsx'
import { useSelection } from '../../../components/list-page/selection.ts'
import { useListLiveRefresh } from '../../../components/list-page/use-list-live-refresh.ts'
import { MandateBulkActions } from './mandate-bulk-actions.tsx'
import { useTeamMembers } from '../../organisation/hooks/use-team-members.ts'
import { SavedViews } from '../../../components/list-page/saved-views.tsx'
import { loadedRows, totalText } from '../../../components/list-page/use-record-list.ts'
import { MultiSelect } from '../../../components/ui/multi-select.tsx'
import { SearchField } from '../../../components/ui/search-field.tsx'
import { useTRPC } from '../../../lib/trpc.ts'
import { useViewer } from '../../auth/hooks/use-viewer.ts'
import { mandateListOptions, mandateListQuery, mandateListSearch, type MandateListSearch } from '../mandate-search.ts'
import { MandateFormDialog } from './mandate-form-dialog.tsx'
import { MandatesTable, useMandateColumns } from './mandates-table.tsx'
import { ExportMenu } from '../../export/components/export-menu.tsx'

interface MandatesPageProps {
  search: MandateListSearch
  onSearchChange: (search: MandateListSearch) => void
}

export function MandatesPage({ search, onSearchChange }: MandatesPageProps) {
  const { t, i18n } = useTranslation()
  const trpc = useTRPC()
  const viewer = useViewer()
  const [creating, setCreating] = useState(false)
  const query = useInfiniteQuery(mandateListOptions(trpc, search))
  const { items, total, totalCapped } = loadedRows(query.data)
  const columns = useMandateColumns()
  const { hidden, setHidden } = useHiddenColumns('mandates')
  const canWrite = can(viewer.role, 'record:write')
  const selection = useSelection(JSON.stringify(search))
  useListLiveRefresh('mandate', trpc.mandates.list.pathFilter())
  const members = useTeamMembers()
  const filtered = Boolean(search.q || search.status?.length)

  const createButton = can(viewer.role, 'record:write') && (
    <CreateButton label={t('mandate.list.create')} onClick={() => setCreating(true)} />
  )

  return (
    <ListPage
      title={t('mandate.list.title')}
      description={t('mandate.list.description')}
      icon={FileSignature}
      actions={createButton}
      filters={
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
      }
      selectionBar={canWrite && <MandateBulkActions selection={selection} owners={members.data?.items ?? []} />}
      toolbar={
        <>
          <ExportMenu entity="mandates" filters={mandateListQuery(search)} total={query.data ? total : undefined} totalCapped={totalCapped} />
          <SavedViews
            list="mandates"
            current={{ search, hiddenColumns: [...hidden] }}
            onApply={(view) => {
              onSearchChange(mandateListSearch.parse(view.search))
              setHidden(view.hiddenColumns)
            }}
          />
          <ColumnChoice columns={columns} hidden={hidden} onChange={setHidden} />
        </>
      }
    >
      <RecordList
        query={query}
        messages="mandate.list"
        shown={items.length}
        summary={t('mandate.list.count', { shown: items.length, count: total, total: totalText(total, totalCapped, i18n.language) })}
        skeletonColumns={7}
        filtered={filtered}
        clearFilters={{ label: t('mandate.list.clearFilters'), onClear: () => onSearchChange({}) }}
        emptyIcon={FileSignature}
        emptyAction={createButton}
      >
        <MandatesTable mandates={items} hidden={hidden} stale={query.isPlaceholderData} selection={canWrite ? selection : undefined} />
      </RecordList>
      <MandateFormDialog open={creating} onClose={() => setCreating(false)} />
    </ListPage>
  )
}
