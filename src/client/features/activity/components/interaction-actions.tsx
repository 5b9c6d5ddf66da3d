import { useId, useState, type FormEvent } from 'react'
import { useMutation } from '@tanstack/react-query'
import { MoreHorizontal, Pencil, Trash2 } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { can } from '../../../../shared/permissions.ts'
import { INTERACTION_KINDS, interactionUpdateInput } from '../../../../shared/schemas/interaction.ts'
import { Alert } from '../../../components/ui/alert.tsx'
import { Button, buttonStyles } from '../../../components/ui/button.tsx'
import { ConfirmDialog, Dialog } from '../../../components/ui/dialog.tsx'
import { Menu, MenuItem } from '../../../components/ui/menu.tsx'
import { SegmentedControl } from '../../../components/ui/segmented-control.tsx'
import { TextField } from '../../../components/ui/text-field.tsx'
import { showToast } from '../../../components/ui/toast.tsx'
import { errorKind, fieldErrorsOf } from '../../../lib/errors.ts'
import { localLeafErrors, requiredFieldErrors } from '../../../lib/forms.ts'
import { useTRPC } from '../../../lib/trpc.ts'
import { useViewer } from '../../auth/hooks/use-viewer.ts'
import { dateTimeInput, isoFromInput, KIND_ICONS, type InteractionKind } from '../activity-kinds.ts'
import { useRefreshActivity } from '../hooks/use-activity-cache.ts'

export interface EditableInteraction {
  id: string
  kind: InteractionKind
  summary: string
  occurredAt: Date
  version: number
  author: { id: string } | null
}

/** Edit and delete, offered to the interaction's author and to managers (the server checks the same). */
export function InteractionActions({ interaction }: { interaction: EditableInteraction }) {
  const { t } = useTranslation()
  const viewer = useViewer()
  const [mode, setMode] = useState<'edit' | 'delete' | null>(null)
  const mayChange = can(viewer.role, 'record:write') && (interaction.author?.id === viewer.id || can(viewer.role, 'record:delete'))
  if (!mayChange) return null
  return (
    <>
      <Menu
        label={t('activity.item.menu')}
        triggerClassName={buttonStyles({ variant: 'ghost', size: 'icon', className: 'size-7 text-zinc-500 dark:text-zinc-400' })}
        trigger={<MoreHorizontal aria-hidden className="size-4" />}
      >
        <MenuItem icon={Pencil} onSelect={() => setMode('edit')}>
          {t('activity.item.edit')}
        </MenuItem>
        <MenuItem icon={Trash2} onSelect={() => setMode('delete')}>
          {t('activity.item.delete')}
        </MenuItem>
      </Menu>
      {mode === 'edit' && <EditInteractionDialog interaction={interaction} onClose={() => setMode(null)} />}
      {mode === 'delete' && <DeleteInteractionDialog interaction={interaction} onClose={() => setMode(null)} />}
    </>
  )
}

function DeleteInteractionDialog({ interaction, onClose }: { interaction: EditableInteraction; onClose: () => void }) {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const refresh = useRefreshActivity()
  const remove = useMutation(
    trpc.interactions.delete.mutationOptions({
      onSuccess: () => {
        void refresh()
        onClose()
        showToast({ message: t('activity.deleted') })
      },
    }),
  )
  return (
    <ConfirmDialog
      open
      title={t('activity.item.deleteTitle')}
      description={t('activity.item.deleteText', { summary: interaction.summary })}
      confirmLabel={t('activity.item.delete')}
      cancelLabel={t('activity.item.cancel')}
      tone="danger"
      loading={remove.isPending}
      onConfirm={() => remove.mutate({ id: interaction.id })}
      onCancel={onClose}
      error={remove.error ? <Alert tone="error">{t('activity.errors.failed')}</Alert> : undefined}
    />
  )
}

function EditInteractionDialog({ interaction, onClose }: { interaction: EditableInteraction; onClose: () => void }) {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const refresh = useRefreshActivity()
  const formId = useId()
  const [kind, setKind] = useState(interaction.kind)
  const [summary, setSummary] = useState(interaction.summary)
  const [occurredAt, setOccurredAt] = useState(() => dateTimeInput(new Date(interaction.occurredAt)))
  const [errors, setErrors] = useState<Record<string, string[] | undefined>>({})
  const update = useMutation(
    trpc.interactions.update.mutationOptions({
      onSuccess: () => {
        void refresh()
        onClose()
      },
      onError: (error) => setErrors(fieldErrorsOf(error)),
    }),
  )

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const parsed = interactionUpdateInput.safeParse(
      { id: interaction.id, version: interaction.version, data: { kind, summary, occurredAt: isoFromInput(occurredAt) } },
      { error: requiredFieldErrors() },
    )
    if (!parsed.success) {
      setErrors(localLeafErrors(parsed.error))
      return
    }
    update.mutate(parsed.data)
  }

  return (
    <Dialog
      open
      onClose={onClose}
      title={t('activity.item.editTitle')}
      closeLabel={t('activity.item.cancel')}
      dismissible={!update.isPending}
      data-testid="edit-activity-dialog"
      footer={
        <>
          <Button variant="secondary" onClick={onClose} disabled={update.isPending}>
            {t('activity.item.cancel')}
          </Button>
          <Button type="submit" form={formId} loading={update.isPending}>
            {t('activity.item.save')}
          </Button>
        </>
      }
    >
      <form id={formId} noValidate onSubmit={onSubmit} className="space-y-4">
        {update.error && errorKind(update.error) !== 'invalid' && (
          <Alert tone={errorKind(update.error) === 'conflict' ? 'warning' : 'error'}>{t('activity.errors.failed')}</Alert>
        )}
        <SegmentedControl
          legend={t('activity.dialog.kind')}
          value={kind}
          onChange={setKind}
          options={INTERACTION_KINDS.map((value) => ({ value, label: t(`activity.kinds.${value}`), icon: KIND_ICONS[value] }))}
        />
        <TextField label={t('activity.dialog.summary')} value={summary} onChange={(event) => setSummary(event.target.value)} errors={errors.summary} data-autofocus />
        <TextField
          label={t('activity.dialog.occurredAt')}
          type="datetime-local"
          value={occurredAt}
          onChange={(event) => setOccurredAt(event.target.value)}
          errors={errors.occurredAt}
          className="[&_input]:dark:[color-scheme:dark]"
        />
      </form>
    </Dialog>
  )
}
