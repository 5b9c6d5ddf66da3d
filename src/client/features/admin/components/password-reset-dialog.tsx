import { useEffect, useId, useRef, useState, type FormEvent } from 'react'
import { useMutation } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { MIN_PASSWORD_LENGTH, userResetPasswordInput } from '../../../../shared/schemas/user.ts'
import { Alert } from '../../../components/ui/alert.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { Dialog } from '../../../components/ui/dialog.tsx'
import { useTRPC } from '../../../lib/trpc.ts'
import { firstInvalidField, requestErrorMessage } from '../form-errors.ts'
import { serverFieldErrors, validateForm, type FormErrors } from '../../../lib/forms.ts'
import { PasswordField } from './password-field.tsx'
import type { AdminUser } from './users-table.tsx'

export function PasswordResetDialog({ user, onClose }: { user: AdminUser; onClose: () => void }) {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const formId = useId()
  const [errors, setErrors] = useState<FormErrors>({})
  const reset = useMutation(
    trpc.users.resetPassword.mutationOptions({ onError: (error) => setErrors(serverFieldErrors(error)) }),
  )
  const doneRef = useRef<HTMLButtonElement>(null)
  // The submit button that had focus is gone: keep keyboard users inside the dialog.
  useEffect(() => {
    if (reset.isSuccess) doneRef.current?.focus()
  }, [reset.isSuccess])

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const result = validateForm(
      userResetPasswordInput,
      { id: user.id, password: new FormData(event.currentTarget).get('password') }
    )
    if (!result.success) {
      setErrors(result.errors)
      firstInvalidField(event.currentTarget, result.errors, ['password'])
      return
    }
    setErrors({})
    reset.mutate(result.data)
  }

  return (
    <Dialog
      open
      onClose={onClose}
      title={t('admin.password.title', { name: user.name })}
      description={t('admin.password.text')}
      closeLabel={t('admin.dialog.close')}
      dismissible={!reset.isPending}
      size="sm"
      data-testid="password-reset-dialog"
      footer={
        reset.isSuccess ? (
          <Button ref={doneRef} onClick={onClose}>
            {t('admin.dialog.done')}
          </Button>
        ) : (
          <>
            <Button variant="secondary" onClick={onClose} disabled={reset.isPending}>
              {t('admin.dialog.cancel')}
            </Button>
            <Button type="submit" form={formId} loading={reset.isPending}>
              {t('admin.password.submit')}
            </Button>
          </>
        )
      }
    >
      {reset.isSuccess ? (
        <Alert tone="success">{t('admin.password.done', { name: user.name })}</Alert>
      ) : (
        <form id={formId} noValidate onSubmit={onSubmit} className="space-y-4">
          {reset.error && !Object.keys(errors).length && (
            <Alert tone="error">{requestErrorMessage(reset.error, t)}</Alert>
          )}
          <PasswordField
            name="password"
            label={t('admin.password.label')}
            hint={t('admin.password.hint', { count: MIN_PASSWORD_LENGTH })}
            errors={errors.password}
            data-autofocus
          />
        </form>
      )}
    </Dialog>
  )
}
