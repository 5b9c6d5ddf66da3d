import { useInfiniteQuery } from '@tanstack/react-query'
import { History } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { INTERACTION_KINDS } from '../../../../shared/schemas/interaction.ts'
import { ColumnChoice, useHiddenColumns } from '../../../components/list-page/column-choice.tsx'
import { ListPage } from '../../../components/list-page/list-page.tsx'
import { RecordList } from '../../../components/list-page/record-list.tsx'
import { loadedRows, totalText } from '../../../components/list-page/use-record-list.ts'
import { MultiSelect } from '../../../components/ui/multi-select.tsx'
import { SegmentedControl } from '../../../components/ui/segmented-control.tsx'
import { TextField } from '../../../components/ui/text-field.tsx'
import { useTRPC } from '../../../lib/trpc.ts'
import { useViewer } from '../../auth/hooks/use-viewer.ts'
import { ExportMenu } from '../../export/components/export-menu.tsx'
import { activityListOptions, activityListQuery, effectiveActivitySearch, periodInvalid, type ActivityListSearch } from '../activity-search.ts'
import { ActivitiesTable, useActivityColumns } from './activities-table.tsx'

interface ActivitiesPageProps {
  search: ActivityListSearch
  onSearchChange: (search: ActivityListSearch) => void
}

/** Every logged call, e-mail, meeting and note the viewer may read, newest first, with its export. */
export function ActivitiesPage({ search, onSearchChange }: ActivitiesPageProps) {
  const { t, i18n } = useTranslation()
  const trpc = useTRPC()
  const viewer = useViewer()
  const effective = effectiveActivitySearch(search)
  const query = useInfiniteQuery(activityListOptions(trpc, effective, viewer.id))
  const { items, total, totalCapped } = loadedRows(query.data)
  const columns = useActivityColumns()
  const { hidden, setHidden } = useHiddenColumns('activities')
  const filtered = Boolean(search.kind?.length || search.mine || search.from || search.to)

  return (
    <ListPage
      title={t('activityList.list.title')}
      description={t('activityList.list.description')}
      icon={History}
      filters={
        <div className="flex flex-col gap-3 lg:flex-row lg:items-end">
          <SegmentedControl
            legend={t('activityList.list.author')}
            options={[
              { value: 'all', label: t('activityList.list.authors.all') },
              { value: 'mine', label: t('activityList.list.authors.mine') },
            ]}
            value={search.mine ? 'mine' : 'all'}
            onChange={(value) => onSearchChange({ ...search, mine: value === 'mine' || undefined })}
          />
          <MultiSelect
            label={t('activityList.list.kindFilter')}
            options={INTERACTION_KINDS.map((kind) => ({ value: kind, label: t(`activity.kinds.${kind}`) }))}
            value={search.kind ?? []}
            onChange={(kind) => onSearchChange({ ...search, kind: kind.length ? kind : undefined })}
            clearLabel={t('activityList.list.clearFilter')}
            className="sm:w-44"
            data-testid="filter-kind"
          />
          <div className="grid grid-cols-2 gap-3">
            <TextField
              label={t('activityList.list.from')}
              name="from"
              type="date"
              value={search.from ?? ''}
              onChange={(event) => onSearchChange({ ...search, from: event.target.value || undefined })}
              className="[&_input]:dark:[color-scheme:dark]"
            />
            <TextField
              label={t('activityList.list.to')}
              name="to"
              type="date"
              value={search.to ?? ''}
              onChange={(event) => onSearchChange({ ...search, to: event.target.value || undefined })}
              errors={periodInvalid(search) ? [t('activityList.list.toBeforeFrom')] : undefined}
              className="[&_input]:dark:[color-scheme:dark]"
            />
          </div>
        </div>
      }
      toolbar={
        <>
          <ExportMenu
            entity="interactions"
            filters={activityListQuery(effective, viewer.id)}
            total={query.data ? total : undefined}
            totalCapped={totalCapped}
          />
          <ColumnChoice columns={columns} hidden={hidden} onChange={setHidden} />
        </>
      }
    >
      <RecordList
        query={query}
        messages="activityList.list"
        shown={items.length}
        summary={t('activityList.list.count', { shown: items.length, count: total, total: totalText(total, totalCapped, i18n.language) })}
        skeletonColumns={6}
        filtered={filtered}
        clearFilters={{ label: t('activityList.list.clearFilters'), onClear: () => onSearchChange({}) }}
        emptyIcon={History}
      >
        <ActivitiesTable activities={items} hidden={hidden} stale={query.isPlaceholderData} />
      </RecordList>
    </ListPage>
  )
}
