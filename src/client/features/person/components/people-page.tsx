import { useState } from 'react'
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query'
import { Users, Plus } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { can } from '../../../../shared/permissions.ts'
import { RecordList } from '../../../components/record-list.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { SearchField } from '../../../components/ui/search-field.tsx'
import { useTRPC } from '../../../lib/trpc.ts'
import { useViewer } from '../../auth/hooks/use-viewer.ts'
import { PageHeader } from '../../shell/components/page-header.tsx'
import { personListOptions, type PersonListSearch } from '../person-search.ts'
import { PersonFormDialog } from './person-form-dialog.tsx'
import { OrganisationFilter } from './organisation-filter.tsx'
import { PeopleTable } from './people-table.tsx'

interface PeoplePageProps {
  search: PersonListSearch
  onSearchChange: (search: PersonListSearch) => void
}

export function PeoplePage({ search, onSearchChange }: PeoplePageProps) {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const viewer = useViewer()
  const canWrite = can(viewer.role, 'record:write')
  const [creating, setCreating] = useState(false)
  const query = useInfiniteQuery({ ...personListOptions(trpc, search), placeholderData: keepPreviousData })
  const items = query.data?.pages.flatMap((page) => page.items) ?? []
  const total = query.data?.pages[0]?.total ?? 0
  const filtered = Boolean(search.q || search.organisationId)

  const createButton = canWrite && (
    <Button onClick={() => setCreating(true)}>
      <Plus aria-hidden className="size-4" />
      {t('person.list.create')}
    </Button>
  )

  return (
    <div className="space-y-6">
      <PageHeader
        title={t('person.list.title')}
        description={t('person.list.description')}
        icon={Users}
        actions={createButton}
      />

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

      <RecordList
        query={query}
        messages="person.list"
        shown={items.length}
        total={total}
        skeletonColumns={5}
        filtered={filtered}
        onClearFilters={() => onSearchChange({})}
        emptyIcon={Users}
        emptyAction={createButton}
      >
        <PeopleTable people={items} stale={query.isPlaceholderData} />
      </RecordList>

      <PersonFormDialog open={creating} onClose={() => setCreating(false)} />
    </div>
  )
}
