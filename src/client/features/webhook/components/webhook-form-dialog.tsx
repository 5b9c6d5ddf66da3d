import { useId, useState, type FormEvent } from 'react'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { webhookCreateInput } from '../../../../shared/schemas/webhook.ts'
import { Alert } from '../../../components/ui/alert.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { Dialog } from '../../../components/ui/dialog.tsx'
import { TextField } from '../../../components/ui/text-field.tsx'
import { useTRPC } from '../../../lib/trpc.ts'
import { firstInvalidField, requestErrorMessage } from '../../admin/form-errors.ts'
import { serverFieldErrors, validateForm, type FormErrors } from '../../../lib/forms.ts'
import type { WebhookItem } from '../queries.ts'
import { EventPicker } from './event-picker.tsx'

interface WebhookFormDialogProps {
  /** Absent: a new webhook. */
  webhook?: WebhookItem
  onClose: () => void
  onCreated: (secret: string) => void
}

export function WebhookFormDialog({ webhook, onClose, onCreated }: WebhookFormDialogProps) {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const formId = useId()
  const [events, setEvents] = useState<string[]>(webhook?.events ?? ['organisation.*'])
  const [errors, setErrors] = useState<FormErrors>({})

  // The server's reasons are in English: the form says them in the interface language.
  const onServerError = (error: unknown) => {
    const fields = serverFieldErrors(error)
    setErrors({
      ...(fields.url ? { url: [t('webhooks.form.urlRefused')] } : {}),
      ...(fields.events ? { events: [t('webhooks.form.eventsInvalid')] } : {}),
    })
  }
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.webhooks.list.queryKey() })
  const create = useMutation(
    trpc.webhooks.create.mutationOptions({
      onSuccess: (created) => {
        void refresh()
        onCreated(created.secret)
      },
      onError: onServerError,
    }),
  )
  const update = useMutation(
    trpc.webhooks.update.mutationOptions({
      onSuccess: () => {
        void refresh()
        onClose()
      },
      onError: onServerError,
    }),
  )
  const pending = create.isPending || update.isPending
  const failure = create.error ?? update.error

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const form = new FormData(event.currentTarget)
    const result = validateForm(
      webhookCreateInput,
      { url: String(form.get('url') ?? ''), events, description: String(form.get('description') ?? '') }
    )
    if (!result.success) {
      // An empty event list is "choose at least one", not "required".
      const errors = { ...result.errors }
      if (errors.url && String(form.get('url') ?? '').trim()) errors.url = [t('webhooks.form.urlInvalid')]
      if (errors.events) errors.events = [events.length ? t('webhooks.form.eventsInvalid') : t('webhooks.form.eventsRequired')]
      setErrors(errors)
      firstInvalidField(event.currentTarget, result.errors, ['url', 'description'])
      return
    }
    setErrors({})
    if (webhook) update.mutate({ id: webhook.id, data: result.data })
    else create.mutate(result.data)
  }

  return (
    <Dialog
      open
      onClose={onClose}
      title={webhook ? t('webhooks.form.editTitle') : t('webhooks.form.createTitle')}
      description={webhook ? undefined : t('webhooks.form.createText')}
      closeLabel={t('admin.dialog.close')}
      dismissible={!pending}
      size="lg"
      data-testid="webhook-form-dialog"
      footer={
        <>
          <Button variant="secondary" onClick={onClose} disabled={pending}>
            {t('admin.dialog.cancel')}
          </Button>
          <Button type="submit" form={formId} loading={pending}>
            {webhook ? t('webhooks.form.submitEdit') : t('webhooks.form.submitCreate')}
          </Button>
        </>
      }
    >
      <form id={formId} noValidate onSubmit={onSubmit} className="space-y-5">
        {failure && !Object.keys(errors).length && <Alert tone="error">{requestErrorMessage(failure, t)}</Alert>}
        <TextField
          label={t('webhooks.form.url')}
          name="url"
          type="url"
          inputMode="url"
          placeholder={t('webhooks.form.urlPlaceholder')}
          defaultValue={webhook?.url}
          autoComplete="off"
          spellCheck={false}
          errors={errors.url}
          data-autofocus
        />
        <TextField
          label={t('webhooks.form.description')}
          name="description"
          placeholder={t('webhooks.form.descriptionPlaceholder')}
          defaultValue={webhook?.description ?? ''}
          autoComplete="off"
          errors={errors.description}
        />
        <EventPicker value={events} onChange={setEvents} errors={errors.events} />
      </form>
    </Dialog>
  )
}
