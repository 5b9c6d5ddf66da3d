import { useMemo, useState, type FormEvent } from 'react'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { Alert } from '../../../components/ui/alert.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '../../../components/ui/card.tsx'
import { TextField } from '../../../components/ui/text-field.tsx'
import { showToast } from '../../../components/ui/toast.tsx'
import { useTRPC } from '../../../lib/trpc.ts'
import { changePasswordInput } from '../../../../shared/schemas/auth.ts'
import { firstInvalidField, requestErrorMessage } from '../../admin/form-errors.ts'
import { serverFieldErrors, validateForm, type FormErrors } from '../../../lib/forms.ts'
import { useViewer } from '../../auth/hooks/use-viewer.ts'
import { PasswordStrengthMeter } from './password-strength-meter.tsx'

const FIELDS = ['currentPassword', 'newPassword', 'confirmPassword'] as const
const EMPTY = { currentPassword: '', newPassword: '', confirmPassword: '' }

/** Change one's own password: the current one, the new one twice, with the server's strength verdict as a hint. */
export function ChangePasswordCard() {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const viewer = useViewer()
  const [values, setValues] = useState(EMPTY)
  const [errors, setErrors] = useState<FormErrors>({})
  const userInputs = useMemo(
    () => [viewer.email, ...viewer.email.split(/[@.]/), ...viewer.name.split(/\s+/)].map((word) => word.toLowerCase()),
    [viewer.email, viewer.name],
  )
  const change = useMutation(
    trpc.auth.changePassword.mutationOptions({
      onSuccess: async ({ endedSessions }) => {
        setValues(EMPTY)
        setErrors({})
        showToast({ message: t('security.password.done', { count: endedSessions }) })
        await queryClient.invalidateQueries({ queryKey: trpc.auth.me.queryKey() })
      },
      onError: (error) => setErrors(serverFieldErrors(error)),
    }),
  )

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const form = event.currentTarget
    const parsed = validateForm(changePasswordInput, values)
    if (!parsed.success) {
      setErrors(parsed.errors)
      firstInvalidField(form, parsed.errors, FIELDS)
      return
    }
    change.mutate(parsed.data)
  }
  const field = (name: (typeof FIELDS)[number]) => ({
    name,
    type: 'password',
    value: values[name],
    errors: errors[name],
    onChange: (event: React.ChangeEvent<HTMLInputElement>) => setValues((previous) => ({ ...previous, [name]: event.target.value })),
  })
  const bannerError = change.isError && Object.keys(serverFieldErrors(change.error)).length === 0

  return (
    <Card>
      <CardHeader>
        <CardTitle>{t('security.password.title')}</CardTitle>
        <CardDescription>{t('security.password.description')}</CardDescription>
      </CardHeader>
      <CardContent>
        <form noValidate onSubmit={submit} className="max-w-md space-y-4" aria-label={t('security.password.title')}>
          {bannerError && (
            <Alert tone="error" title={t('security.password.error')}>
              {requestErrorMessage(change.error, t)}
            </Alert>
          )}
          {/* Lets password managers tie the new password to this account. */}
          <input type="email" name="username" autoComplete="username" value={viewer.email} readOnly hidden />
          <TextField label={t('security.password.current')} autoComplete="current-password" {...field('currentPassword')} />
          <div className="space-y-2">
            <TextField label={t('security.password.new')} autoComplete="new-password" {...field('newPassword')} />
            <PasswordStrengthMeter password={values.newPassword} userInputs={userInputs} />
          </div>
          <TextField label={t('security.password.confirm')} autoComplete="new-password" {...field('confirmPassword')} />
          <Button type="submit" disabled={change.isPending}>
            {change.isPending ? t('security.password.saving') : t('security.password.submit')}
          </Button>
        </form>
      </CardContent>
    </Card>
  )
}
