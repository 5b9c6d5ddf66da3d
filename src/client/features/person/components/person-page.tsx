import { useState } from 'react'
import { useMutation, useQueryClient, useSuspenseQuery } from '@tanstack/react-query'
import { Link, useNavigate } from '@tanstack/react-router'
import { ArrowLeft, Pencil, Trash2 } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { can } from '../../../../shared/permissions.ts'
import { Alert } from '../../../components/ui/alert.tsx'
import { Avatar } from '../../../components/ui/avatar.tsx'
import { Button, focusRing } from '../../../components/ui/button.tsx'
import { ConfirmDialog } from '../../../components/ui/dialog.tsx'
import { cn } from '../../../lib/cn.ts'
import { useDocumentTitle } from '../../../lib/use-document-title.ts'
import { useTRPC } from '../../../lib/trpc.ts'
import { useViewer } from '../../auth/hooks/use-viewer.ts'
import { fullName, type PersonDetail } from '../person-display.ts'
import { personErrorKey } from '../person-errors.ts'
import { PersonContactCard } from './person-contact-card.tsx'
import { PersonQuickActions } from '../../activity/components/person-quick-actions.tsx'
import { PersonFormDialog } from './person-form-dialog.tsx'
import { PersonInteractionsCard } from './person-interactions-card.tsx'
import { PersonLinksCard } from './person-links-card.tsx'
import { PersonTasksCard } from './person-tasks-card.tsx'

export function PersonPage({ personId }: { personId: string }) {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const navigate = useNavigate()
  const viewer = useViewer()
  const canWrite = can(viewer.role, 'record:write')
  const { data: person } = useSuspenseQuery(trpc.people.byId.queryOptions({ id: personId }))
  const [editing, setEditing] = useState(false)
  const [deleting, setDeleting] = useState(false)
  const name = fullName(person)
  const primaryLink = person.organisationLinks[0]
  useDocumentTitle(name)

  const remove = useMutation(
    trpc.people.delete.mutationOptions({
      onSuccess: async () => {
        setDeleting(false)
        await navigate({ to: '/people' })
        queryClient.removeQueries(trpc.people.byId.queryFilter({ id: personId }))
        await Promise.all([
          queryClient.invalidateQueries(trpc.people.list.pathFilter()),
          queryClient.invalidateQueries(trpc.organisations.byId.pathFilter()),
        ])
      },
      onError: (error) => {
        const current = (error.data?.details as { current?: PersonDetail } | null)?.current
        if (current) queryClient.setQueryData(trpc.people.byId.queryKey({ id: personId }), current)
      },
    }),
  )

  return (
    <div className="space-y-6">
      <Link
        to="/people"
        className={cn(
          'inline-flex items-center gap-1.5 rounded text-sm font-medium text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-white',
          focusRing,
        )}
      >
        <ArrowLeft aria-hidden className="size-4" />
        {t('person.detail.back')}
      </Link>

      <div className="flex flex-col gap-4 sm:flex-row sm:items-center sm:justify-between">
        <div className="flex min-w-0 items-center gap-4">
          <Avatar name={name} className="size-14 text-lg" />
          <div className="min-w-0">
            <h1 className="truncate text-2xl font-semibold tracking-tight text-zinc-900 dark:text-white">{name}</h1>
            <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400" data-testid="person-headline">
              {[person.jobTitle, primaryLink?.organisation.name].filter(Boolean).join(' · ') ||
                t('person.detail.noHeadline')}
            </p>
          </div>
        </div>
        <div className="flex shrink-0 flex-wrap gap-2">
          {canWrite && <PersonQuickActions person={person} />}
          {canWrite && (
            <Button variant="secondary" onClick={() => setEditing(true)}>
              <Pencil aria-hidden className="size-4" />
              {t('person.detail.edit')}
            </Button>
          )}
          {can(viewer.role, 'record:delete') && (
            <Button variant="secondary" onClick={() => setDeleting(true)}>
              <Trash2 aria-hidden className="size-4" />
              {t('person.detail.delete')}
            </Button>
          )}
        </div>
      </div>

      <div className="grid gap-6 lg:grid-cols-3">
        <PersonContactCard person={person} className="self-start" />
        <div className="space-y-6 lg:col-span-2">
          <PersonLinksCard person={person} canWrite={canWrite} />
          <PersonTasksCard tasks={person.tasks} />
          <PersonInteractionsCard interactions={person.interactions} />
        </div>
      </div>

      <PersonFormDialog open={editing} onClose={() => setEditing(false)} person={person} />
      <ConfirmDialog
        open={deleting}
        title={t('person.detail.deleteTitle')}
        description={t('person.detail.deleteText', { name })}
        confirmLabel={t('person.detail.deleteConfirm')}
        cancelLabel={t('person.form.cancel')}
        tone="danger"
        loading={remove.isPending}
        onConfirm={() => remove.mutate({ id: person.id, version: person.version })}
        onCancel={() => {
          setDeleting(false)
          remove.reset()
        }}
        error={remove.error && <Alert tone="error">{t(personErrorKey(remove.error) ?? 'errors.server')}</Alert>}
      />
    </div>
  )
}
