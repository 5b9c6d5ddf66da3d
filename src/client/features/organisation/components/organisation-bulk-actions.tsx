import { useState } from 'react'
import { Activity, Tags, Workflow } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { PIPELINE_STAGES } from '../../../../shared/pipeline.ts'
import type { OrganisationBulkPatch } from '../../../../shared/schemas/bulk.ts'
import { BulkActions, bulkCallsOf, ownerMenu, useBulkSetup } from '../../../components/list-page/bulk-actions.tsx'
import type { Selection } from '../../../components/list-page/selection.ts'
import { Button } from '../../../components/ui/button.tsx'
import { Dialog } from '../../../components/ui/dialog.tsx'
import { TextField } from '../../../components/ui/text-field.tsx'

interface OrganisationBulkActionsProps {
  selection: Selection
  owners: readonly { id: string; name: string }[]
}

/** Assign, move, (de)activate, tag or delete every ticked organisation at once, with "Annuler". */
export function OrganisationBulkActions({ selection, owners }: OrganisationBulkActionsProps) {
  const { t } = useTranslation()
  const { trpc, client, canDelete, refresh } = useBulkSetup()
  const [tagging, setTagging] = useState<((patch: OrganisationBulkPatch) => void) | null>(null)

  return (
    <BulkActions
      selection={selection}
      menus={[
        ownerMenu({ menu: t('list.bulk.owner'), nobody: t('list.bulk.noOwner') }, owners, (ownerId) => ({ ownerId })),
        { label: t('list.bulk.stage'), icon: Workflow, choices: PIPELINE_STAGES.map((stage) => ({ label: t(`organisation.stages.${stage}`), patch: { stage } })) },
        {
          label: t('list.bulk.status'),
          icon: Activity,
          choices: [
            { label: t('list.bulk.active'), patch: { isActive: true } },
            { label: t('list.bulk.inactive'), patch: { isActive: false } },
          ],
        },
      ]}
      calls={bulkCallsOf(client.organisations, canDelete)}
      deleteText={{ title: (count) => t('list.bulk.deleteTitle', { count }), description: t('list.bulk.deleteText') }}
      refresh={() => refresh(trpc.organisations.pathFilter(), trpc.pipeline.board.pathFilter())}
    >
      {(apply) => (
        <>
          <Button variant="secondary" size="sm" onClick={() => setTagging(() => apply)}>
            <Tags aria-hidden className="size-4" />
            {t('list.bulk.tags')}
          </Button>
          {tagging && (
            <TagDialog
              onClose={() => setTagging(null)}
              onApply={(patch) => {
                setTagging(null)
                tagging(patch)
              }}
            />
          )}
        </>
      )}
    </BulkActions>
  )
}

function TagDialog({ onClose, onApply }: { onClose: () => void; onApply: (patch: OrganisationBulkPatch) => void }) {
  const { t } = useTranslation()
  const [tag, setTag] = useState('')
  const value = tag.trim().slice(0, 40)
  return (
    <Dialog
      open
      onClose={onClose}
      title={t('list.bulk.tagTitle')}
      closeLabel={t('list.bulk.cancel')}
      size="sm"
      footer={
        <>
          <Button variant="secondary" disabled={!value} onClick={() => onApply({ removeTags: [value] })}>
            {t('list.bulk.removeTag')}
          </Button>
          <Button disabled={!value} onClick={() => onApply({ addTags: [value] })}>
            {t('list.bulk.addTag')}
          </Button>
        </>
      }
    >
      <TextField label={t('list.bulk.tagName')} name="tag" value={tag} onChange={(event) => setTag(event.currentTarget.value)} maxLength={40} />
    </Dialog>
  )
}
