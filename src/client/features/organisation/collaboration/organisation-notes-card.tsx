import { Check, CloudOff, LoaderCircle, TriangleAlert, type LucideIcon } from 'lucide-react'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { userColor } from '../../../../shared/realtime/collaboration.ts'
import { NOTES_MAX_LENGTH } from '../../../../shared/schemas/organisation.ts'
import { Badge } from '../../../components/ui/badge.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '../../../components/ui/card.tsx'
import { RetryAlert } from '../../../components/ui/retry-alert.tsx'
import { Skeleton } from '../../../components/ui/skeleton.tsx'
import { cn } from '../../../lib/cn.ts'
import { useViewer } from '../../auth/hooks/use-viewer.ts'
import type { OrganisationDetail } from '../form.ts'
import type { NotesStatus } from './notes-sync.ts'
import { NotesEditor } from './notes-editor.tsx'
import { FieldPresenceTag } from './presence-bar.tsx'
import { useNotesDocument } from './use-notes-document.ts'
import { usePresence } from './use-organisation-presence.ts'

interface OrganisationNotesCardProps {
  organisation: OrganisationDetail
  /** False for viewers: they watch the notes being written but cannot type. */
  canEdit: boolean
}

const STATUS_ICONS: Record<NotesStatus, { icon: LucideIcon; className: string }> = {
  loading: { icon: LoaderCircle, className: 'animate-spin' },
  saving: { icon: LoaderCircle, className: 'animate-spin' },
  saved: { icon: Check, className: 'text-emerald-600 dark:text-emerald-400' },
  offline: { icon: CloudOff, className: 'text-amber-600 dark:text-amber-400' },
  error: { icon: TriangleAlert, className: 'text-red-600 dark:text-red-400' },
  rejected: { icon: TriangleAlert, className: 'text-red-600 dark:text-red-400' },
}

/** How long the "too long" message stays after a refused paste. */
const LIMIT_NOTICE_MS = 6_000

/** The organisation's notes, co-edited character by character with the cursors of the others. */
export function OrganisationNotesCard({ organisation, canEdit }: OrganisationNotesCardProps) {
  const { t, i18n } = useTranslation()
  const viewer = useViewer()
  const presence = usePresence()
  const writers = presence.collaborators.filter((person) => person.field === 'notes' && person.status === 'active')
  const color = userColor(viewer.id, viewer.avatarColor)
  const [tooLong, setTooLong] = useState(false)
  useEffect(() => {
    if (!tooLong) return
    const timer = setTimeout(() => setTooLong(false), LIMIT_NOTICE_MS)
    return () => clearTimeout(timer)
  }, [tooLong])
  const { sync, status, error, retry, reload } = useNotesDocument(organisation.id, viewer.id, { name: viewer.name, color, colorLight: `${color}33` })
  const ready = sync !== null && status !== 'loading' && status !== 'error'
  const { icon: StatusIcon, className: iconClassName } = STATUS_ICONS[status]
  // Viewers have nothing of their own to save: their status speaks of what they see.
  const statusKey = !canEdit && (status === 'saved' || status === 'offline') ? (`${status}ReadOnly` as const) : status
  const statusText = t(`collaboration.notes.status.${statusKey}`)

  return (
    <Card data-testid="organisation-notes">
      <CardHeader>
        <div className="flex items-center justify-between gap-3">
          <CardTitle>{t('collaboration.notes.title')}</CardTitle>
          <div className="flex items-center gap-2">
            <FieldPresenceTag people={writers} />
            {!canEdit && <Badge>{t('collaboration.notes.readOnly')}</Badge>}
          </div>
        </div>
        <CardDescription>{t('collaboration.notes.description')}</CardDescription>
      </CardHeader>
      <CardContent className="space-y-2">
        {status === 'error' ? (
          <RetryAlert
            title={t('collaboration.notes.error.title')}
            description={t(error === 'NOT_FOUND' ? 'collaboration.notes.error.NOT_FOUND' : 'collaboration.notes.error.unavailable')}
            retryLabel={t('common.retry')}
            onRetry={retry}
          />
        ) : ready ? (
          // Tells the others on the page that this user is in the notes.
          <div
            onFocus={() => canEdit && presence.setField('notes')}
            onBlur={(event) => {
              if (canEdit && !event.currentTarget.contains(event.relatedTarget as Node | null)) presence.setField(null)
            }}
          >
            <NotesEditor
              text={sync.text}
              awareness={sync.awareness}
              editable={canEdit}
              placeholder={canEdit ? t('collaboration.notes.placeholder') : t('collaboration.notes.emptyReadOnly')}
              label={t('collaboration.notes.label')}
              maxLength={NOTES_MAX_LENGTH}
              onTooLong={() => setTooLong(true)}
            />
          </div>
        ) : (
          <div role="status" aria-label={t('collaboration.notes.opening')}>
            <Skeleton className="h-32 rounded-lg" />
          </div>
        )}
        <p
          data-testid="notes-status"
          data-status={status}
          className="flex items-center gap-1.5 text-xs text-zinc-500 dark:text-zinc-400"
        >
          <StatusIcon aria-hidden className={cn('size-3.5 shrink-0', iconClassName)} />
          <span className={status === 'rejected' ? 'text-red-700 dark:text-red-400' : undefined}>{statusText}</span>
          {status === 'rejected' && (
            <Button variant="secondary" size="sm" className="ml-auto" onClick={reload}>
              {t('collaboration.notes.reload')}
            </Button>
          )}
        </p>
        {tooLong && (
          <p role="alert" className="text-xs text-amber-700 dark:text-amber-400" data-testid="notes-too-long">
            {t('collaboration.notes.tooLong', { max: NOTES_MAX_LENGTH.toLocaleString(i18n.language) })}
          </p>
        )}
      </CardContent>
    </Card>
  )
}
