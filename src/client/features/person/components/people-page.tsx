import { useState } from 'react'
import { useInfiniteQuery } from '@tanstack/react-query'
import { Users } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { can } from '../../../../shared/permissions.ts'
import { ColumnChoice, useHiddenColumns } from '../../../components/list-page/column-choice.tsx'
import { CreateButton } from '../../../components/list-page/create-button.tsx'
import { ListPage } from '../../../components/list-page/list-page.tsx'
import { RecordList } from '../../../components/list-page/record-list.tsx'
import { useSelection } from '../../../components/list-page/selection.ts'
import { useListLiveRefresh } from '../../../components/list-page/use-list-live-refresh.ts'
import { PersonBulkActions } from './person-bulk-actions.tsx'
import { useTeamMembers } from '../../organisation/hooks/use-team-members.ts'
import { SavedViews } from '../../../components/list-page/saved-views.tsx'
import { loadedRows, totalText } from '../../../components/list-page/use-record-list.ts'
import { SearchField } from '../../../components/ui/search-field.tsx'
import { useTRPC } from '../../../lib/trpc.ts'
import { useViewer } from '../../auth/hooks/use-viewer.ts'
import { personListOptions, personListQuery, personListSearch, type PersonListSearch } from '../person-search.ts'
import { PersonFormDialog } from './person-form-dialog.tsx'
import { OrganisationFilter } from './organisation-filter.tsx'
import { PeopleTable, usePeopleColumns } from './people-table.tsx'
import { ExportMenu } from '../../export/components/export-menu.tsx'

interface PeoplePageProps {
  search: PersonListSearch
  onSearchChange: (search: PersonListSearch) => void
}

export function PeoplePage({ search, onSearchChange }: PeoplePageProps) {
  const { t, i18n } = useTranslation()
  const trpc = useTRPC()
  const viewer = useViewer()
  const [creating, setCreating] = useState(false)
  const query = useInfiniteQuery(personListOptions(trpc, search))
  const { items, total, totalCapped } = loadedRows(query.data)
  const columns = usePeopleColumns()
  const { hidden, setHidden } = useHiddenColumns('people')
  const canWrite = can(viewer.role, 'record:write')
  const selection = useSelection(JSON.stringify(search))
  useListLiveRefresh('person', trpc.people.list.pathFilter())
  const members = useTeamMembers()

  const createButton = can(viewer.role, 'record:write') && (
    <CreateButton label={t('person.list.create')} onClick={() => setCreating(true)} />
  )

  return (
    <ListPage
      title={t('person.list.title')}
      description={t('person.list.description')}
      icon={Users}
      actions={createButton}
      filters={
        <div className="flex flex-col gap-3 sm:flex-row">
          <SearchField
            label={t('person.list.search')}
            value={search.q ?? ''}
            onChange={(q) => onSearchChange({ ...search, q: q || undefined })}
            className="sm:max-w-sm sm:flex-1"
          />
          <OrganisationFilter
            organisationId={search.organisationId}
            onChange={(organisationId) => onSearchChange({ ...search, organisationId })}
          />
        </div>
      }
      selectionBar={canWrite && <PersonBulkActions selection={selection} owners={members.data?.items ?? []} />}
      toolbar={
        <>
          <ExportMenu entity="people" filters={personListQuery(search)} total={query.data ? total : undefined} totalCapped={totalCapped} />
          <SavedViews
            list="people"
            current={{ search, hiddenColumns: [...hidden] }}
            onApply={(view) => {
              onSearchChange(personListSearch.parse(view.search))
              setHidden(view.hiddenColumns)
            }}
          />
          <ColumnChoice columns={columns} hidden={hidden} onChange={setHidden} />
        </>
      }
    >
      <RecordList
        query={query}
        messages="person.list"
        shown={items.length}
        summary={t('person.list.count', { shown: items.length, count: total, total: totalText(total, totalCapped, i18n.language) })}
        skeletonColumns={5}
        filtered={Boolean(search.q || search.organisationId)}
        clearFilters={{ label: t('person.list.clearFilters'), onClear: () => onSearchChange({}) }}
        emptyIcon={Users}
        emptyAction={createButton}
      >
        <PeopleTable people={items} hidden={hidden} stale={query.isPlaceholderData} selection={canWrite ? selection : undefined} />
      </RecordList>
      <PersonFormDialog open={creating} onClose={() => setCreating(false)} />
    </ListPage>
  )
}
