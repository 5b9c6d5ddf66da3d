import { Check, X } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { can, type Action, type Role } from '../../../../shared/permissions.ts'
import { Card } from '../../../components/ui/card.tsx'
import { cn } from '../../../lib/cn.ts'

const CAPABILITIES = [
  { action: 'record:read', label: 'read' },
  { action: 'record:write', label: 'write' },
  { action: 'record:delete', label: 'delete' },
  { action: 'data:import', label: 'import' },
  { action: 'data:export', label: 'export' },
  { action: 'users:manage', label: 'users' },
] as const satisfies readonly { action: Action; label: string }[]

/** What the signed-in role may do (SPEC §3), so nobody has to guess why a button is missing. */
export function AccessSummary({ role, className }: { role: Role; className?: string }) {
  const { t } = useTranslation()
  return (
    <section aria-labelledby="access-title" className={className}>
      <h2 id="access-title" className="text-base font-semibold text-zinc-900 dark:text-white">
        {t('dashboard.access.title')}
      </h2>
      <Card className="mt-4 px-5 py-4">
        <p className="text-sm text-zinc-600 dark:text-zinc-400">{t('dashboard.access.description')}</p>
        <ul className="mt-3 divide-y divide-zinc-100 dark:divide-zinc-800">
          {CAPABILITIES.map(({ action, label }) => {
            const allowed = can(role, action)
            return (
              <li key={action} className="flex items-center justify-between gap-3 py-2.5 text-sm">
                <span className={cn(allowed ? 'text-zinc-800 dark:text-zinc-200' : 'text-zinc-500')}>
                  {t(`dashboard.access.${label}`)}
                </span>
                {allowed ? (
                  <span className="flex size-6 items-center justify-center rounded-full bg-emerald-50 text-emerald-600 dark:bg-emerald-500/10 dark:text-emerald-400">
                    <Check role="img" className="size-3.5" aria-label={t('dashboard.access.allowed')} />
                  </span>
                ) : (
                  <span className="flex size-6 items-center justify-center rounded-full bg-zinc-100 text-zinc-400 dark:bg-zinc-800 dark:text-zinc-500">
                    <X role="img" className="size-3.5" aria-label={t('dashboard.access.denied')} />
                  </span>
                )}
              </li>
            )
          })}
        </ul>
      </Card>
    </section>
  )
}
