import { useId, useState, type FormEvent } from 'react'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { apiTokenCreateInput } from '../../../../shared/schemas/api-token.ts'
import type { Role } from '../../../../shared/permissions.ts'
import { Alert } from '../../../components/ui/alert.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { Dialog } from '../../../components/ui/dialog.tsx'
import { TextField } from '../../../components/ui/text-field.tsx'
import { useTRPC } from '../../../lib/trpc.ts'
import { firstInvalidField, requestErrorMessage } from '../../admin/form-errors.ts'
import { serverFieldErrors, validateForm, type FormErrors } from '../../../lib/forms.ts'
import { CreatedToken } from './created-token.tsx'
import { ScopeChoice, type ApiTokenScope } from './scope-choice.tsx'

const DEFAULT_EXPIRY_DAYS = '90'

export function ApiTokenCreateDialog({ role, onClose }: { role: Role; onClose: () => void }) {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const formId = useId()
  const [scope, setScope] = useState<ApiTokenScope>('READ')
  const [errors, setErrors] = useState<FormErrors>({})

  const create = useMutation(
    trpc.apiTokens.create.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.apiTokens.list.pathKey() }),
      onError: (error) => setErrors(serverFieldErrors(error)),
    }),
  )

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const form = new FormData(event.currentTarget)
    const expiry = String(form.get('expiresInDays') ?? '').trim()
    const result = validateForm(
      apiTokenCreateInput,
      { name: form.get('name'), scope, expiresInDays: expiry === '' ? undefined : Number(expiry) }
    )
    if (!result.success) {
      setErrors(result.errors)
      firstInvalidField(event.currentTarget, result.errors, ['name', 'expiresInDays'])
      return
    }
    setErrors({})
    create.mutate(result.data)
  }

  if (create.data) {
    return (
      // A new dialog, not the form's updated: focus must move to the token.
      <Dialog
        key="created"
        open
        onClose={onClose}
        title={t('admin.tokens.created.title', { name: create.data.apiToken.name })}
        closeLabel={t('admin.dialog.close')}
        size="lg"
        data-testid="api-token-created-dialog"
        footer={<Button onClick={onClose}>{t('admin.tokens.created.done')}</Button>}
      >
        <CreatedToken token={create.data.token} />
      </Dialog>
    )
  }

  return (
    <Dialog
      key="form"
      open
      onClose={onClose}
      title={t('admin.tokens.createTitle')}
      description={t('admin.tokens.createText')}
      closeLabel={t('admin.dialog.close')}
      dismissible={!create.isPending}
      data-testid="api-token-create-dialog"
      footer={
        <>
          <Button variant="secondary" onClick={onClose} disabled={create.isPending}>
            {t('admin.dialog.cancel')}
          </Button>
          <Button type="submit" form={formId} loading={create.isPending}>
            {t('admin.tokens.createSubmit')}
          </Button>
        </>
      }
    >
      <form id={formId} noValidate onSubmit={onSubmit} className="space-y-4">
        {create.error && !Object.keys(errors).length && (
          <Alert tone="error">{requestErrorMessage(create.error, t)}</Alert>
        )}
        <TextField
          label={t('admin.tokens.fields.name')}
          name="name"
          placeholder={t('admin.tokens.fields.namePlaceholder')}
          autoComplete="off"
          errors={errors.name}
          data-autofocus
        />
        <ScopeChoice value={scope} onChange={setScope} readOnly={role === 'VIEWER'} errors={errors.scope} />
        <div>
          <TextField
            label={t('admin.tokens.fields.expiresInDays')}
            name="expiresInDays"
            type="number"
            inputMode="numeric"
            min={1}
            max={3650}
            step={1}
            defaultValue={DEFAULT_EXPIRY_DAYS}
            errors={errors.expiresInDays}
            className="sm:w-48"
          />
          <p className="mt-1.5 text-xs text-zinc-500 dark:text-zinc-400">{t('admin.tokens.fields.expiresHint')}</p>
        </div>
      </form>
    </Dialog>
  )
}
