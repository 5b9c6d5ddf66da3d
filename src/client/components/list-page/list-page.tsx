import type { ReactNode } from 'react'
import type { LucideIcon } from 'lucide-react'
import { PageHeader } from '../../features/shell/components/page-header.tsx'

interface ListPageProps {
  title: string
  description?: ReactNode
  icon: LucideIcon
  /** The header's actions (create a record). */
  actions?: ReactNode
  /** Search box and filters, on the left of the toolbar. */
  filters: ReactNode
  /** Tools over the whole list, on the right of the filters: saved views, columns, export. */
  toolbar?: ReactNode
  /** Shown while rows are ticked: what can be done to them. */
  selectionBar?: ReactNode
  /** The list itself (a RecordList). */
  children: ReactNode
}

/** The frame every record list shares: header, filters and tools, bulk bar, then the list. */
export function ListPage({ title, description, icon, actions, filters, toolbar, selectionBar, children }: ListPageProps) {
  return (
    <div className="min-w-0 space-y-6">
      <PageHeader title={title} description={description} icon={icon} actions={actions} />
      <div className="flex flex-col gap-3 xl:flex-row xl:items-start">
        <div className="min-w-0 flex-1">{filters}</div>
        {toolbar && (
          <div className="flex flex-wrap items-center gap-2" data-testid="list-toolbar">
            {toolbar}
          </div>
        )}
      </div>
      {selectionBar}
      {children}
    </div>
  )
}
