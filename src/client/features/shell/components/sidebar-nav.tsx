import { Link } from '@tanstack/react-router'
import { useTranslation } from 'react-i18next'
import type { Role } from '../../../../shared/permissions.ts'
import { focusRing } from '../../../components/ui/button.tsx'
import { cn } from '../../../lib/cn.ts'
import { navItemsFor } from '../nav-items.ts'

interface SidebarNavProps {
  role: Role
  /** Called when a link is followed (closes the mobile drawer). */
  onNavigate?: () => void
}

export function SidebarNav({ role, onNavigate }: SidebarNavProps) {
  const { t } = useTranslation()
  return (
    <nav aria-label={t('nav.label')} className="flex flex-col gap-0.5 px-3 py-4">
      {navItemsFor(role).map(({ key, to, icon: Icon }) => (
        <Link
          key={key}
          to={to}
          onClick={onNavigate}
          activeOptions={{ exact: to === '/' }}
          data-testid={`nav-${key}`}
          className={cn(
            'group flex items-center gap-3 rounded-lg px-3 py-2 text-sm font-medium transition-colors',
            focusRing,
          )}
          activeProps={{
            className: 'bg-indigo-50 text-indigo-700 dark:bg-indigo-500/10 dark:text-indigo-300',
          }}
          inactiveProps={{
            className:
              'text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900 dark:text-zinc-400 dark:hover:bg-zinc-800/70 dark:hover:text-white',
          }}
        >
          <Icon aria-hidden className="size-[1.125rem] shrink-0" />
          {t(`nav.${key}`)}
        </Link>
      ))}
    </nav>
  )
}
