import { useState } from 'react'
import { Building2 } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { can } from '../../../../shared/permissions.ts'
import { ColumnChoice, useHiddenColumns } from '../../../components/list-page/column-choice.tsx'
import { CreateButton } from '../../../components/list-page/create-button.tsx'
import { ListPage } from '../../../components/list-page/list-page.tsx'
import { RecordList } from '../../../components/list-page/record-list.tsx'
import { SavedViews } from '../../../components/list-page/saved-views.tsx'
import { useSelection } from '../../../components/list-page/selection.ts'
import { useListLiveRefresh } from '../../../components/list-page/use-list-live-refresh.ts'
import { totalText } from '../../../components/list-page/use-record-list.ts'
import { useTRPC } from '../../../lib/trpc.ts'
import { useViewer } from '../../auth/hooks/use-viewer.ts'
import { useOrganisationList } from '../hooks/use-organisation-list.ts'
import { useTeamMembers } from '../hooks/use-team-members.ts'
import { currentSort, hasFilters, organisationSearchSchema, toListInput, type OrganisationSearch } from '../search.ts'
import { OrganisationBulkActions } from './organisation-bulk-actions.tsx'
import { OrganisationCreateDialog } from './organisation-create-dialog.tsx'
import { OrganisationFilters } from './organisation-filters.tsx'
import { OrganisationTable, useOrganisationColumns } from './organisation-table.tsx'
import { ExportMenu } from '../../export/components/export-menu.tsx'

interface OrganisationListPageProps {
  search: OrganisationSearch
  onSearch: (changes: Partial<OrganisationSearch>) => void
}

export function OrganisationListPage({ search, onSearch }: OrganisationListPageProps) {
  const { t, i18n } = useTranslation()
  const trpc = useTRPC()
  const viewer = useViewer()
  const canWrite = can(viewer.role, 'record:write')
  const [creating, setCreating] = useState(false)
  const list = useOrganisationList(search)
  const members = useTeamMembers()
  const columns = useOrganisationColumns()
  const { hidden, setHidden } = useHiddenColumns('organisations')
  const selection = useSelection(JSON.stringify(search))
  useListLiveRefresh('organisation', trpc.organisations.list.pathFilter())

  const createButton = canWrite && (
    <CreateButton label={t('organisation.list.create')} onClick={() => setCreating(true)} testId="organisation-create" />
  )

  return (
    <ListPage
      title={t('organisation.list.title')}
      description={t('organisation.list.description')}
      icon={Building2}
      actions={createButton}
      filters={<OrganisationFilters search={search} onSearch={onSearch} owners={members.data?.items ?? []} />}
      toolbar={
        <>
          <ExportMenu entity="organisations" filters={toListInput(search)} total={list.data ? list.total : undefined} totalCapped={list.totalCapped} />
          <SavedViews
            list="organisations"
            current={{ search, hiddenColumns: [...hidden] }}
            onApply={(view) => {
              // Every key, so that what the view does not set is cleared rather than kept.
              const blank = Object.fromEntries(Object.keys(organisationSearchSchema.shape).map((key) => [key, undefined]))
              onSearch({ ...blank, ...organisationSearchSchema.parse(view.search) })
              setHidden(view.hiddenColumns)
            }}
          />
          <ColumnChoice columns={columns} hidden={hidden} onChange={setHidden} />
        </>
      }
      selectionBar={canWrite && <OrganisationBulkActions selection={selection} owners={members.data?.items ?? []} />}
    >
      <RecordList
        query={list}
        messages="organisation.list"
        shown={list.items.length}
        summary={
          <span data-testid="organisation-count">
            {list.hasNextPage
              ? t('organisation.list.shown', { shown: list.items.length, total: totalText(list.total, list.totalCapped, i18n.language) })
              : t('organisation.list.total', { count: list.total, total: totalText(list.total, list.totalCapped, i18n.language) })}
          </span>
        }
        skeletonColumns={6}
        filtered={hasFilters(search)}
        emptyIcon={Building2}
        emptyText={canWrite ? t('organisation.list.emptyTextWriter') : undefined}
        emptyAction={createButton}
      >
        <OrganisationTable
          rows={list.items}
          columns={columns}
          hidden={hidden}
          sort={currentSort(search)}
          onSort={(sort, dir) => onSearch({ sort, dir })}
          selection={canWrite ? selection : undefined}
          stale={list.isPlaceholderData}
        />
      </RecordList>
      <OrganisationCreateDialog open={creating} onClose={() => setCreating(false)} />
    </ListPage>
  )
}
