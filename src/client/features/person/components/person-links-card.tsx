import { useState } from 'react'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { Link } from '@tanstack/react-router'
import { Building2, Link2, Mail, Pencil, Phone, Star, Unlink } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { Alert } from '../../../components/ui/alert.tsx'
import { Button, focusRing } from '../../../components/ui/button.tsx'
import { Card, CardTitle } from '../../../components/ui/card.tsx'
import { ConfirmDialog } from '../../../components/ui/dialog.tsx'
import { StatusBadge } from '../../../components/ui/status-badge.tsx'
import { cn } from '../../../lib/cn.ts'
import { useTRPC } from '../../../lib/trpc.ts'
import { fullName, type PersonDetail, type PersonLink } from '../person-display.ts'
import { personErrorKey } from '../person-errors.ts'
import { PersonLinkDialog } from './person-link-dialog.tsx'

interface PersonLinksCardProps {
  person: PersonDetail
  canWrite: boolean
  className?: string
}

/** The organisations the person works with, their role at each, and which one counts them as main contact. */
export function PersonLinksCard({ person, canWrite, className }: PersonLinksCardProps) {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const [editing, setEditing] = useState<PersonLink | 'new' | null>(null)
  const [unlinking, setUnlinking] = useState<PersonLink | null>(null)

  const unlink = useMutation(
    trpc.people.unlink.mutationOptions({
      onSuccess: async (saved) => {
        queryClient.setQueryData(trpc.people.byId.queryKey({ id: saved.id }), saved)
        setUnlinking(null)
        await Promise.all([
          queryClient.invalidateQueries(trpc.people.list.pathFilter()),
          queryClient.invalidateQueries(trpc.organisations.byId.pathFilter()),
        ])
      },
    }),
  )

  return (
    <Card className={className} data-testid="person-links">
      <div className="flex items-center justify-between gap-4 px-5 pt-5 pb-4">
        <CardTitle>{t('person.links.title', { count: person.organisationLinks.length })}</CardTitle>
        {canWrite && (
          <Button variant="secondary" size="sm" onClick={() => setEditing('new')}>
            <Link2 aria-hidden className="size-4" />
            {t('person.links.add')}
          </Button>
        )}
      </div>

      {person.organisationLinks.length === 0 ? (
        <div className="flex flex-col items-center border-t border-zinc-200 px-5 py-10 text-center dark:border-zinc-800">
          <Building2 aria-hidden className="size-6 text-zinc-400 dark:text-zinc-500" />
          <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">{t('person.links.empty')}</p>
        </div>
      ) : (
        <ul className="divide-y divide-zinc-100 border-t border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
          {person.organisationLinks.map((link) => (
            <li key={link.id} className="flex flex-col gap-3 px-5 py-4 sm:flex-row sm:items-start">
              <div className="min-w-0 flex-1 space-y-1">
                <div className="flex flex-wrap items-center gap-2">
                  <Link
                    to="/organisations/$id"
                    params={{ id: link.organisation.id }}
                    className={cn(
                      'rounded text-sm font-semibold text-zinc-900 hover:text-indigo-600 dark:text-white dark:hover:text-indigo-400',
                      focusRing,
                    )}
                  >
                    {link.organisation.name}
                  </Link>
                  {link.isPrimary && (
                    <StatusBadge tone="accent">
                      <Star aria-hidden className="size-3" />
                      {t('person.links.primary')}
                    </StatusBadge>
                  )}
                  {!link.organisation.isActive && (
                    <StatusBadge tone="neutral">{t('person.links.inactive')}</StatusBadge>
                  )}
                </div>
                <p className="text-sm text-zinc-600 dark:text-zinc-400">
                  {[link.role, link.jobTitle].filter(Boolean).join(' · ') || t('person.links.noRole')}
                </p>
                {(link.workEmail || link.workPhone) && (
                  <p className="flex flex-wrap gap-x-4 gap-y-1 text-sm text-zinc-600 dark:text-zinc-400">
                    {link.workEmail && (
                      <a href={`mailto:${link.workEmail}`} className={cn('inline-flex items-center gap-1.5 rounded hover:text-indigo-600 dark:hover:text-indigo-400', focusRing)}>
                        <Mail aria-hidden className="size-3.5" />
                        {link.workEmail}
                      </a>
                    )}
                    {link.workPhone && (
                      <a href={`tel:${link.workPhone}`} className={cn('inline-flex items-center gap-1.5 rounded hover:text-indigo-600 dark:hover:text-indigo-400', focusRing)}>
                        <Phone aria-hidden className="size-3.5" />
                        {link.workPhone}
                      </a>
                    )}
                  </p>
                )}
              </div>
              {canWrite && (
                <div className="flex shrink-0 gap-1">
                  <Button
                    variant="ghost"
                    size="sm"
                    onClick={() => setEditing(link)}
                    aria-label={t('person.links.edit', { organisation: link.organisation.name })}
                  >
                    <Pencil aria-hidden className="size-4" />
                  </Button>
                  <Button
                    variant="ghost"
                    size="sm"
                    onClick={() => setUnlinking(link)}
                    aria-label={t('person.links.unlink', { organisation: link.organisation.name })}
                  >
                    <Unlink aria-hidden className="size-4" />
                  </Button>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}

      <PersonLinkDialog
        open={editing !== null}
        onClose={() => setEditing(null)}
        person={person}
        link={editing === 'new' || editing === null ? undefined : editing}
      />
      <ConfirmDialog
        open={unlinking !== null}
        title={t('person.links.unlinkTitle')}
        description={t('person.links.unlinkText', {
          name: fullName(person),
          organisation: unlinking?.organisation.name ?? '',
        })}
        confirmLabel={t('person.links.unlinkConfirm')}
        cancelLabel={t('person.form.cancel')}
        tone="danger"
        loading={unlink.isPending}
        onConfirm={() => unlinking && unlink.mutate({ personId: person.id, organisationId: unlinking.organisationId })}
        onCancel={() => {
          setUnlinking(null)
          unlink.reset()
        }}
        error={unlink.error && <Alert tone="error">{t(personErrorKey(unlink.error) ?? 'errors.server')}</Alert>}
      />
    </Card>
  )
}
