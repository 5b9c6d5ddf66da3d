import { Link, useRouter } from '@tanstack/react-router'
import { KeyRound, ShieldCheck, UserRound, type LucideIcon } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { cn } from '../../../lib/cn.ts'
import { focusRing } from '../../../components/ui/button.tsx'

const SECTIONS: readonly { to: string; key: 'profile' | 'tokens' | 'security'; icon: LucideIcon }[] = [
  { to: '/settings', key: 'profile', icon: UserRound },
  { to: '/settings/tokens', key: 'tokens', icon: KeyRound },
  { to: '/settings/security', key: 'security', icon: ShieldCheck },
]

/** The settings' sections, above each settings page; a section shows once its page is mounted. */
export function SettingsNav() {
  const { t } = useTranslation()
  const router = useRouter()
  const mounted = router.routesByPath as Record<string, unknown>
  return (
    <nav aria-label={t('settings.nav.label')} className="-mx-1 overflow-x-auto px-1" data-testid="settings-nav">
      <ul className="flex min-w-max gap-1 border-b border-zinc-200 dark:border-zinc-800">
        {SECTIONS.filter((section) => mounted[section.to]).map(({ to, key, icon: Icon }) => (
          <li key={to}>
            <Link
              to={to}
              activeOptions={{ exact: true }}
              className={cn(
                '-mb-px flex items-center gap-2 border-b-2 border-transparent px-3 py-2 text-sm font-medium text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-white',
                'data-[status=active]:border-indigo-600 data-[status=active]:text-indigo-700 dark:data-[status=active]:border-indigo-400 dark:data-[status=active]:text-indigo-300',
                focusRing,
              )}
            >
              <Icon aria-hidden className="size-4" />
              {t(`settings.nav.${key}`)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  )
}
