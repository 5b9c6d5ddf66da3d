import { Pencil, Trash2, Users } from 'lucide-react'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Avatar } from '../../../components/ui/avatar.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { personTint } from '../../../components/ui/person-tag.tsx'
import { useDocumentTitle } from '../../../lib/use-document-title.ts'
import type { FieldHighlight } from '../collaboration/use-organisation-live.ts'
import type { OrganisationDetail } from '../form.ts'
import { useFormatters } from '../format.ts'
import { InactiveBadge, StageBadge, TypeBadge } from './organisation-badges.tsx'
import { BackToList } from './organisation-detail-states.tsx'

interface OrganisationDetailHeaderProps {
  organisation: OrganisationDetail
  /** Undefined when the action is not offered (role, or already editing). */
  onEdit?: () => void
  onDelete?: () => void
  /** Who else is on the page. */
  presence?: ReactNode
  /** Someone else just renamed the organisation. */
  nameHighlight?: FieldHighlight
}

export function OrganisationDetailHeader({ organisation, onEdit, onDelete, presence, nameHighlight }: OrganisationDetailHeaderProps) {
  const { t } = useTranslation()
  const format = useFormatters()
  useDocumentTitle(organisation.name)

  return (
    <div className="space-y-4">
      <BackToList />
      <div className="flex flex-col gap-4 sm:flex-row sm:items-start sm:justify-between">
        <div className="min-w-0 space-y-3">
          <h1
            className="-mx-1.5 rounded-md px-1.5 text-2xl font-semibold tracking-tight break-words text-zinc-900 transition-[background-color,box-shadow] duration-700 dark:text-white"
            style={nameHighlight ? personTint(nameHighlight.color) : undefined}
            data-highlighted={nameHighlight ? 'true' : undefined}
            data-testid="organisation-name"
          >
            {organisation.name}
          </h1>
          <div className="flex flex-wrap items-center gap-2">
            <TypeBadge type={organisation.type} />
            <StageBadge stage={organisation.stage} />
            {!organisation.isActive && <InactiveBadge label={t('organisation.detail.inactive')} />}
          </div>
          <dl className="flex flex-wrap items-center gap-x-5 gap-y-2 text-sm text-zinc-600 dark:text-zinc-400">
            <div className="flex items-center gap-2">
              <dt className="sr-only">{t('organisation.fields.ownerId')}</dt>
              {organisation.owner ? (
                <>
                  <Avatar name={organisation.owner.name} className="size-6 text-[0.625rem]" />
                  <dd className="font-medium text-zinc-800 dark:text-zinc-200" data-testid="organisation-owner">
                    {organisation.owner.name}
                  </dd>
                </>
              ) : (
                <dd data-testid="organisation-owner">{t('organisation.detail.noOwner')}</dd>
              )}
            </div>
            <div className="flex items-center gap-1.5">
              <dt>
                <Users aria-hidden className="size-4" />
                <span className="sr-only">{t('organisation.fields.team')}</span>
              </dt>
              <dd data-testid="organisation-team">{organisation.team.name}</dd>
            </div>
            <div>
              <dt className="sr-only">{t('organisation.fields.updatedAt')}</dt>
              <dd>
                {/* The term above already says it to screen readers: said once, not twice. */}
                <span aria-hidden="true">{t('organisation.fields.updatedAt')} </span>
                <time dateTime={organisation.updatedAt.toISOString()}>{format.dateTime(organisation.updatedAt)}</time>
              </dd>
            </div>
          </dl>
          {presence}
        </div>
        {(onEdit || onDelete) && (
          <div className="flex shrink-0 gap-2">
            {onEdit && (
              <Button variant="secondary" onClick={onEdit} data-testid="organisation-edit">
                <Pencil aria-hidden className="size-4" />
                {t('organisation.detail.edit')}
              </Button>
            )}
            {onDelete && (
              <Button variant="danger" onClick={onDelete} data-testid="organisation-delete">
                <Trash2 aria-hidden className="size-4" />
                {t('organisation.detail.delete')}
              </Button>
            )}
          </div>
        )}
      </div>
    </div>
  )
}
