import { Link } from '@tanstack/react-router'
import { Star, Users } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { Avatar } from '../../../components/ui/avatar.tsx'
import { focusRing } from '../../../components/ui/button.tsx'
import { cn } from '../../../lib/cn.ts'
import type { OrganisationDetail } from '../form.ts'
import { RelatedCard } from './related-card.tsx'

export function LinkedPeopleCard({ links }: { links: OrganisationDetail['personLinks'] }) {
  const { t } = useTranslation()
  return (
    <RelatedCard
      icon={Users}
      title={t('organisation.people.title')}
      count={links.length}
      empty={t('organisation.people.empty')}
      data-testid="organisation-people"
    >
      {links.map((link) => {
        const name = `${link.person.firstName} ${link.person.lastName}`
        const position = [link.role, link.jobTitle ?? link.person.jobTitle].filter(Boolean).join(' · ')
        const email = link.workEmail ?? link.person.email
        return (
          <li key={link.id} className="flex items-start gap-3 px-5 py-3">
            <Avatar name={name} />
            <div className="min-w-0 flex-1">
              <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
                <Link
                  to="/people/$id"
                  params={{ id: link.person.id }}
                  className={cn(
                    'rounded text-sm font-medium text-zinc-900 hover:text-indigo-600 dark:text-white dark:hover:text-indigo-400',
                    focusRing,
                  )}
                >
                  {name}
                </Link>
                {link.isPrimary && (
                  <span className="inline-flex items-center gap-1 rounded-full bg-amber-50 px-2 py-0.5 text-xs font-medium text-amber-800 ring-1 ring-amber-200 ring-inset dark:bg-amber-500/10 dark:text-amber-300 dark:ring-amber-500/30">
                    <Star aria-hidden className="size-3" />
                    {t('organisation.people.primary')}
                  </span>
                )}
              </div>
              {position && <p className="mt-0.5 text-xs text-zinc-600 dark:text-zinc-400">{position}</p>}
              {email && (
                <a
                  href={`mailto:${email}`}
                  className="mt-0.5 block truncate text-xs text-zinc-500 hover:text-indigo-600 dark:text-zinc-400 dark:hover:text-indigo-400"
                >
                  {email}
                </a>
              )}
            </div>
          </li>
        )
      })}
    </RelatedCard>
  )
}
