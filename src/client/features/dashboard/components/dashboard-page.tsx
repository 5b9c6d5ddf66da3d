import { ShieldCheck, Users } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { Badge } from '../../../components/ui/badge.tsx'
import { useDocumentTitle } from '../../../lib/use-document-title.ts'
import { useViewer } from '../../auth/hooks/use-viewer.ts'
import { AccessSummary } from './access-summary.tsx'
import { ShortcutGrid } from './shortcut-grid.tsx'

export function DashboardPage() {
  const { t, i18n } = useTranslation()
  const viewer = useViewer()
  useDocumentTitle(t('dashboard.documentTitle'))
  const today = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'full' }).format(new Date())

  return (
    <div className="space-y-8">
      <section className="relative overflow-hidden rounded-2xl border border-zinc-200 bg-white p-6 shadow-sm sm:p-8 dark:border-zinc-800 dark:bg-zinc-900">
        <div
          aria-hidden
          className="absolute inset-0 bg-[radial-gradient(circle_at_100%_0%,rgb(99_102_241/0.12),transparent_45%)] dark:bg-[radial-gradient(circle_at_100%_0%,rgb(99_102_241/0.18),transparent_45%)]"
        />
        <p className="relative text-sm font-medium text-indigo-600 first-letter:uppercase dark:text-indigo-400">
          {today}
        </p>
        <h1
          data-testid="dashboard-greeting"
          className="relative mt-2 text-2xl font-semibold tracking-tight text-zinc-900 sm:text-3xl dark:text-white"
        >
          {t('dashboard.greeting', { name: viewer.name })}
        </h1>
        <div className="relative mt-4 flex flex-wrap gap-2">
          <Badge tone="accent" data-testid="viewer-role">
            <ShieldCheck aria-hidden className="size-3.5" />
            {t(`roles.${viewer.role}`)}
          </Badge>
          <Badge data-testid="viewer-team">
            <Users aria-hidden className="size-3.5" />
            {viewer.teamName ? t('dashboard.teamLabel', { team: viewer.teamName }) : t('dashboard.allTeams')}
          </Badge>
        </div>
      </section>

      <div className="grid gap-8 xl:grid-cols-3">
        <ShortcutGrid role={viewer.role} className="xl:col-span-2" />
        <AccessSummary role={viewer.role} className="self-start" />
      </div>
    </div>
  )
}
