import { Link } from '@tanstack/react-router'
import { ArrowRight } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import type { Role } from '../../../../shared/permissions.ts'
import { focusRing } from '../../../components/ui/button.tsx'
import { cn } from '../../../lib/cn.ts'
import { navItemsFor } from '../../shell/nav-items.ts'

export function ShortcutGrid({ role, className }: { role: Role; className?: string }) {
  const { t } = useTranslation()
  return (
    <section aria-labelledby="shortcuts-title" className={className}>
      <h2 id="shortcuts-title" className="text-base font-semibold text-zinc-900 dark:text-white">
        {t('dashboard.shortcuts')}
      </h2>
      <ul className="mt-4 grid gap-4 sm:grid-cols-2">
        {navItemsFor(role).map(({ key, to, icon: Icon }) =>
          key === 'dashboard' ? null : (
            <li key={key}>
              <Link
                to={to}
                className={cn(
                  'group flex h-full items-start gap-4 rounded-xl border border-zinc-200 bg-white p-4 shadow-sm transition',
                  'hover:border-indigo-300 hover:shadow-md dark:border-zinc-800 dark:bg-zinc-900 dark:hover:border-indigo-500/50',
                  focusRing,
                )}
              >
                <span className="flex size-10 shrink-0 items-center justify-center rounded-lg bg-indigo-50 text-indigo-600 transition-colors group-hover:bg-indigo-600 group-hover:text-white dark:bg-indigo-500/10 dark:text-indigo-400 dark:group-hover:bg-indigo-500 dark:group-hover:text-white">
                  <Icon aria-hidden className="size-5" />
                </span>
                <span className="min-w-0 flex-1">
                  <span className="flex items-center justify-between gap-2 text-sm font-semibold text-zinc-900 dark:text-white">
                    {t(`nav.${key}`)}
                    <ArrowRight
                      aria-hidden
                      className="size-4 text-zinc-400 transition-transform group-hover:translate-x-0.5 group-hover:text-indigo-500"
                    />
                  </span>
                  <span className="mt-1 block text-sm text-zinc-600 dark:text-zinc-400">
                    {t(`sections.${key}.description`)}
                  </span>
                </span>
              </Link>
            </li>
          ),
        )}
      </ul>
    </section>
  )
}
