import { useState } from 'react'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { can } from '../../../../shared/permissions.ts'
import { Alert } from '../../../components/ui/alert.tsx'
import { Card, CardContent, CardHeader, CardTitle } from '../../../components/ui/card.tsx'
import { errorKind } from '../../../lib/errors.ts'
import { useTRPC } from '../../../lib/trpc.ts'
import { OrganisationQuickActions } from '../../activity/components/organisation-quick-actions.tsx'
import { useViewer } from '../../auth/hooks/use-viewer.ts'
import { OrganisationNotesCard } from '../collaboration/organisation-notes-card.tsx'
import { OrganisationTimelineCard } from '../collaboration/organisation-timeline-card.tsx'
import { PresenceBar } from '../collaboration/presence-bar.tsx'
import { useOrganisationLive } from '../collaboration/use-organisation-live.ts'
import { PresenceProvider, useOrganisationPresence } from '../collaboration/use-organisation-presence.ts'
import type { OrganisationDetail } from '../form.ts'
import { InteractionsCard } from './interactions-card.tsx'
import { LinkedPeopleCard } from './linked-people-card.tsx'
import { MandatesCard } from './mandates-card.tsx'
import { OrganisationDeleteDialog } from './organisation-delete-dialog.tsx'
import { OrganisationDetailHeader } from './organisation-detail-header.tsx'
import { OrganisationDetailError, OrganisationDetailSkeleton, OrganisationNotFound } from './organisation-detail-states.tsx'
import { OrganisationEditForm, type SaveOutcome } from './organisation-edit-form.tsx'
import { OrganisationInfo } from './organisation-info.tsx'
import { TasksCard } from './tasks-card.tsx'

const NOTICE_KEYS = { saved: 'saved', unchanged: 'noChanges', theirs: 'keptTheirs' } as const

export function OrganisationDetailPage({ id }: { id: string }) {
  const trpc = useTRPC()
  const query = useQuery(trpc.organisations.byId.queryOptions({ id }))

  if (query.isPending) return <OrganisationDetailSkeleton />
  if (query.isError) {
    return errorKind(query.error) === 'notFound' ? (
      <OrganisationNotFound />
    ) : (
      <OrganisationDetailError error={query.error} onRetry={() => query.refetch()} />
    )
  }
  return <OrganisationWorkspace organisation={query.data} />
}

/**
 * One organisation, worked on together: who else is here and which field they edit, their saves
 * showing up in place, the co-edited notes and the activity timeline, all live.
 */
function OrganisationWorkspace({ organisation }: { organisation: OrganisationDetail }) {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const viewer = useViewer()
  const queryClient = useQueryClient()
  const presence = useOrganisationPresence(organisation.id)
  const highlights = useOrganisationLive(organisation, presence)
  const [editing, setEditing] = useState(false)
  const [deleting, setDeleting] = useState(false)
  const [notice, setNotice] = useState<SaveOutcome | null>(null)

  const canWrite = can(viewer.role, 'record:write')
  const canDelete = can(viewer.role, 'record:delete')

  const startEditing = () => {
    setNotice(null)
    setEditing(true)
  }

  return (
    <PresenceProvider value={presence}>
      <div className="space-y-6" data-testid="organisation-detail">
        <OrganisationDetailHeader
          organisation={organisation}
          presence={<PresenceBar />}
          nameHighlight={highlights.name}
          onEdit={canWrite && !editing ? startEditing : undefined}
          onDelete={canDelete ? () => setDeleting(true) : undefined}
        />
        {canWrite && <OrganisationQuickActions organisation={organisation} />}

        <div className="grid items-start gap-6 lg:grid-cols-3">
          <div className="space-y-6 lg:col-span-2">
            <Card>
              <CardHeader>
                <CardTitle>{editing ? t('organisation.edit.title') : t('organisation.detail.fieldsTitle')}</CardTitle>
              </CardHeader>
              <CardContent className="space-y-5">
                {notice && (
                  <Alert tone={notice === 'saved' ? 'success' : 'info'} data-testid="organisation-saved">
                    {t(`organisation.edit.${NOTICE_KEYS[notice]}`)}
                  </Alert>
                )}
                {editing ? (
                  <OrganisationEditForm
                    organisation={organisation}
                    highlights={highlights}
                    onSaved={(saved, outcome) => {
                      // Also after a conflict settled in favour of the other version, which no save returned.
                      queryClient.setQueryData(trpc.organisations.byId.queryKey({ id: organisation.id }), saved)
                      setEditing(false)
                      setNotice(outcome)
                    }}
                    onCancel={() => setEditing(false)}
                  />
                ) : (
                  <OrganisationInfo organisation={organisation} highlights={highlights} />
                )}
              </CardContent>
            </Card>
            <OrganisationNotesCard organisation={organisation} canEdit={canWrite} />
            <InteractionsCard interactions={organisation.interactions} />
          </div>
          <div className="space-y-6">
            <OrganisationTimelineCard organisation={organisation} />
            <LinkedPeopleCard links={organisation.personLinks} />
            <MandatesCard mandates={organisation.mandates} />
            <TasksCard tasks={organisation.tasks} />
          </div>
        </div>

        {canDelete && (
          <OrganisationDeleteDialog organisation={organisation} open={deleting} onClose={() => setDeleting(false)} />
        )}
      </div>
    </PresenceProvider>
  )
}
