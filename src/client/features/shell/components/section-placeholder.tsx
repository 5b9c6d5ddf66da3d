import { useTranslation } from 'react-i18next'
import { EmptyState } from '../../../components/ui/empty-state.tsx'
import { navItem, type SectionKey } from '../nav-items.ts'
import { PageHeader } from './page-header.tsx'

/** A section's frame before its screens exist: title, purpose and an empty state. */
export function SectionPlaceholder({ section }: { section: SectionKey }) {
  const { t } = useTranslation()
  const { icon } = navItem(section)
  return (
    <div className="space-y-8">
      <PageHeader title={t(`nav.${section}`)} description={t(`sections.${section}.description`)} icon={icon} />
      <EmptyState
        icon={icon}
        title={t(`sections.${section}.emptyTitle`)}
        description={t(`sections.${section}.emptyText`)}
        className="bg-white/50 dark:bg-zinc-900/40"
      />
    </div>
  )
}
