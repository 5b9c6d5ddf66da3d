import type { TFunction } from 'i18next'
import { useRef, useState, type FormEvent } from 'react'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useRouter } from '@tanstack/react-router'
import { Eye, EyeOff, LogIn } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { loginInput, type LoginInput } from '../../../../shared/schemas/auth.ts'
import { Alert } from '../../../components/ui/alert.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { TextField } from '../../../components/ui/text-field.tsx'
import { SecondFactorForm } from './second-factor-form.tsx'
import { errorKind, fieldErrorsOf, retryAfterSeconds } from '../../../lib/errors.ts'
import { localFieldErrors, requiredFieldErrors, type FieldErrors } from '../../../lib/forms.ts'
import { useTRPC } from '../../../lib/trpc.ts'

const DEFAULT_LOCKOUT_MINUTES = 15

export function LoginForm({ redirectTo }: { redirectTo?: string }) {
  // After a right password, an account with two-factor sign-in asks for its code (a separate form).
  const [secondFactor, setSecondFactor] = useState(false)
  if (secondFactor) return <SecondFactorForm redirectTo={redirectTo} onRestart={() => setSecondFactor(false)} />
  return <PasswordForm redirectTo={redirectTo} onSecondFactor={() => setSecondFactor(true)} />
}

function PasswordForm({ redirectTo, onSecondFactor }: { redirectTo?: string; onSecondFactor(): void }) {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const router = useRouter()
  const formRef = useRef<HTMLFormElement>(null)
  const [fieldErrors, setFieldErrors] = useState<FieldErrors<LoginInput>>({})
  const [passwordVisible, setPasswordVisible] = useState(false)

  const login = useMutation(
    trpc.auth.login.mutationOptions({
      onSuccess: async ({ viewer }) => {
        if (!viewer) return onSecondFactor()
        queryClient.setQueryData(trpc.auth.me.queryKey(), viewer)
        await router.navigate({ href: redirectTo ?? '/', replace: true })
      },
      onError: (error) => {
        setFieldErrors(fieldErrorsOf(error))
        if (errorKind(error) !== 'unauthorized') return
        // The e-mail is usually right: let the user retype the password straight away.
        const password = formRef.current?.elements.namedItem('password')
        if (password instanceof HTMLInputElement) password.select()
      },
    }),
  )

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const form = new FormData(event.currentTarget)
    const parsed = loginInput.safeParse(
      { email: form.get('email'), password: form.get('password') },
      { error: requiredFieldErrors() },
    )
    if (!parsed.success) {
      const errors = localFieldErrors(parsed.error)
      setFieldErrors(errors)
      const firstInvalid = (['email', 'password'] as const).find((name) => errors[name]?.length)
      const input = firstInvalid && event.currentTarget.elements.namedItem(firstInvalid)
      if (input instanceof HTMLInputElement) input.focus()
      return
    }
    setFieldErrors({})
    login.mutate(parsed.data)
  }

  const formError = login.error ? loginErrorMessage(login.error, fieldErrors, t) : null
  const busy = login.isPending || (login.isSuccess && login.data.viewer !== null)

  return (
    <form ref={formRef} noValidate onSubmit={onSubmit} className="space-y-5" data-testid="login-form">
      {formError && (
        <Alert tone="error" data-testid="login-error">
          {formError}
        </Alert>
      )}
      <TextField
        label={t('login.email')}
        name="email"
        type="email"
        autoComplete="username"
        inputMode="email"
        placeholder={t('login.emailPlaceholder')}
        autoFocus
        errors={fieldErrors.email}
      />
      <TextField
        label={t('login.password')}
        name="password"
        type={passwordVisible ? 'text' : 'password'}
        autoComplete="current-password"
        errors={fieldErrors.password}
        trailing={
          <Button
            variant="ghost"
            size="icon"
            className="size-8 text-zinc-500 dark:text-zinc-400"
            aria-label={passwordVisible ? t('login.hidePassword') : t('login.showPassword')}
            aria-pressed={passwordVisible}
            onClick={() => setPasswordVisible((visible) => !visible)}
          >
            {passwordVisible ? <EyeOff aria-hidden className="size-4" /> : <Eye aria-hidden className="size-4" />}
          </Button>
        }
      />
      <Button type="submit" size="lg" className="w-full" loading={busy}>
        {!busy && <LogIn aria-hidden className="size-4" />}
        {busy ? t('login.submitting') : t('login.submit')}
      </Button>
    </form>
  )
}

export function loginErrorMessage(
  error: unknown,
  fieldErrors: FieldErrors<LoginInput>,
  t: TFunction,
): string | null {
  switch (errorKind(error)) {
    case 'unauthorized':
      return t('login.invalidCredentials')
    case 'rateLimited': {
      // Growing delays start at a second (login-throttle.ts): short waits are told in seconds.
      const seconds = retryAfterSeconds(error)
      if (seconds !== undefined && seconds < 60) return t('login.rateLimitedSeconds', { count: seconds })
      return t('login.rateLimited', { minutes: seconds ? Math.ceil(seconds / 60) : DEFAULT_LOCKOUT_MINUTES })
    }
    case 'unreachable':
      return t('login.unreachable')
    case 'invalid':
      // Field messages already say what is wrong; only an error without them needs a banner.
      return Object.keys(fieldErrors).length ? null : t('login.failed')
    default:
      return t('login.failed')
  }
}
