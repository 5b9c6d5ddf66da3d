import { useState, type FormEvent } from 'react'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useRouter } from '@tanstack/react-router'
import { KeyRound, ShieldCheck } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { recoveryCodeSchema, totpCodeSchema } from '../../../../shared/schemas/auth.ts'
import { Alert } from '../../../components/ui/alert.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { TextField } from '../../../components/ui/text-field.tsx'
import { errorKind, fieldErrorsOf } from '../../../lib/errors.ts'
import { localIssueMessage } from '../../../lib/forms.ts'
import { useTRPC } from '../../../lib/trpc.ts'
import { loginErrorMessage } from './login-form.tsx'

type Method = 'code' | 'recoveryCode'

/** The sign-in's second step: the 6 digits of the authenticator app, or one recovery code. */
export function SecondFactorForm({ redirectTo, onRestart }: { redirectTo?: string; onRestart(): void }) {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const router = useRouter()
  const [method, setMethod] = useState<Method>('code')
  const [localError, setLocalError] = useState<string[] | undefined>()

  const complete = useMutation(
    trpc.auth.completeSignIn.mutationOptions({
      onSuccess: async ({ viewer }) => {
        queryClient.setQueryData(trpc.auth.me.queryKey(), viewer)
        await router.navigate({ href: redirectTo ?? '/', replace: true })
      },
    }),
  )

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const value = String(new FormData(event.currentTarget).get(method) ?? '')
    const parsed = (method === 'code' ? totpCodeSchema : recoveryCodeSchema).safeParse(value)
    if (!parsed.success) {
      setLocalError([localIssueMessage(parsed.error.issues[0])])
      return
    }
    setLocalError(undefined)
    complete.mutate(method === 'code' ? { code: parsed.data } : { recoveryCode: parsed.data })
  }

  const expired = complete.error && errorKind(complete.error) === 'unauthorized'
  const serverField = complete.error ? fieldErrorsOf(complete.error)[method] : undefined
  const banner = complete.error && !serverField && !expired ? loginErrorMessage(complete.error, {}, t) : null
  const busy = complete.isPending || complete.isSuccess
  const switchMethod = (next: Method) => {
    setMethod(next)
    setLocalError(undefined)
    complete.reset()
  }

  if (expired) {
    return (
      <div className="space-y-5" data-testid="second-factor-expired">
        <Alert tone="error">{t('login.secondFactor.expired')}</Alert>
        <Button size="lg" className="w-full" onClick={onRestart}>
          {t('login.secondFactor.restart')}
        </Button>
      </div>
    )
  }

  return (
    <form noValidate onSubmit={onSubmit} className="space-y-5" data-testid="second-factor-form" key={method}>
      <div className="flex items-start gap-3 rounded-lg border border-zinc-200 p-3 dark:border-zinc-800">
        {method === 'code' ? (
          <ShieldCheck aria-hidden className="mt-0.5 size-5 shrink-0 text-emerald-700 dark:text-emerald-400" />
        ) : (
          <KeyRound aria-hidden className="mt-0.5 size-5 shrink-0 text-emerald-700 dark:text-emerald-400" />
        )}
        <p className="text-sm text-zinc-700 dark:text-zinc-300">
          {method === 'code' ? t('login.secondFactor.codeHelp') : t('login.secondFactor.recoveryHelp')}
        </p>
      </div>
      {banner && (
        <Alert tone="error" data-testid="login-error">
          {banner}
        </Alert>
      )}
      {method === 'code' ? (
        <TextField
          label={t('login.secondFactor.code')}
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={7}
          autoFocus
          errors={localError ?? serverField}
        />
      ) : (
        <TextField
          label={t('login.secondFactor.recoveryCode')}
          name="recoveryCode"
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          maxLength={14}
          autoFocus
          errors={localError ?? serverField}
        />
      )}
      <Button type="submit" size="lg" className="w-full" loading={busy}>
        {busy ? t('login.submitting') : t('login.secondFactor.submit')}
      </Button>
      <div className="flex flex-wrap justify-between gap-2">
        <Button variant="ghost" size="sm" onClick={() => switchMethod(method === 'code' ? 'recoveryCode' : 'code')}>
          {method === 'code' ? t('login.secondFactor.useRecovery') : t('login.secondFactor.useCode')}
        </Button>
        <Button variant="ghost" size="sm" onClick={onRestart}>
          {t('login.secondFactor.back')}
        </Button>
      </div>
    </form>
  )
}
