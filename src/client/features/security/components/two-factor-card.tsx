import { useState, type FormEvent, type ReactNode } from 'react'
import type { z } from 'zod'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { KeyRound, ShieldCheck, ShieldOff } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { confirmTwoFactorInput, disableTwoFactorInput, regenerateRecoveryCodesInput } from '../../../../shared/schemas/auth.ts'
import { Alert } from '../../../components/ui/alert.tsx'
import { Badge } from '../../../components/ui/badge.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '../../../components/ui/card.tsx'
import { CopyButton } from '../../../components/ui/copy-button.tsx'
import { FormattedDate } from '../../../components/ui/formatted-date.tsx'
import { RetryAlert } from '../../../components/ui/retry-alert.tsx'
import { Skeleton } from '../../../components/ui/skeleton.tsx'
import { TextField } from '../../../components/ui/text-field.tsx'
import { serverFieldErrors, validateForm, type FormErrors } from '../../../lib/forms.ts'
import { useTRPC, useTRPCClient } from '../../../lib/trpc.ts'
import { requestErrorMessage } from '../../admin/form-errors.ts'

/**
 * Two-factor sign-in: turn it on (scan the QR code or type the key, confirm with a code, keep the
 * recovery codes shown once) or off (password and a code).
 */
export function TwoFactorCard() {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const status = useQuery(trpc.auth.twoFactorStatus.queryOptions())
  const [recoveryCodes, setRecoveryCodes] = useState<{ codes: string[]; renewed: boolean } | null>(null)

  return (
    <Card data-testid="two-factor-card">
      <CardHeader>
        <CardTitle className="flex flex-wrap items-center gap-2">
          {t('security.twoFactor.title')}
          {status.data && (
            <Badge tone={status.data.enabled ? 'accent' : 'neutral'} data-testid="two-factor-state">
              {status.data.enabled ? t('security.twoFactor.on') : t('security.twoFactor.off')}
            </Badge>
          )}
        </CardTitle>
        <CardDescription>{t('security.twoFactor.description')}</CardDescription>
      </CardHeader>
      <CardContent className="space-y-4">
        {recoveryCodes ? (
          <RecoveryCodes codes={recoveryCodes.codes} renewed={recoveryCodes.renewed} onDone={() => setRecoveryCodes(null)} />
        ) : status.isPending ? (
          <div className="space-y-3" aria-label={t('common.loading')} aria-busy>
            <Skeleton className="h-5 w-2/3" />
            <Skeleton className="h-10 w-48" />
          </div>
        ) : status.isError ? (
          <RetryAlert
            title={t('security.twoFactor.loadError')}
            description={requestErrorMessage(status.error, t)}
            retryLabel={t('common.retry')}
            onRetry={() => void status.refetch()}
            retrying={status.isFetching}
          />
        ) : status.data.enabled ? (
          <>
            <p className="text-sm text-zinc-700 dark:text-zinc-300">
              {t('security.twoFactor.enabledSince')} <FormattedDate value={status.data.enabledAt!} format="dateTime" /> ·{' '}
              {t('security.twoFactor.codesLeft', { count: status.data.recoveryCodesLeft })}
            </p>
            {status.data.recoveryCodesLeft <= 3 && <Alert tone="warning">{t('security.twoFactor.fewCodes')}</Alert>}
            <div className="flex flex-wrap items-start gap-2">
              <RegenerateForm onRenewed={(codes) => setRecoveryCodes({ codes, renewed: true })} />
              <DisableForm required={status.data.required} />
            </div>
          </>
        ) : (
          <>
            {status.data.required && (
              <Alert tone="warning" data-testid="must-enrol-two-factor">
                {t('security.twoFactor.required')}
              </Alert>
            )}
            <EnrolForm onEnabled={(codes) => setRecoveryCodes({ codes, renewed: false })} />
          </>
        )}
      </CardContent>
    </Card>
  )
}

function EnrolForm({ onEnabled }: { onEnabled(codes: string[]): void }) {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const [errors, setErrors] = useState<FormErrors>({})
  const begin = useMutation(trpc.auth.beginTwoFactor.mutationOptions())
  const confirm = useMutation(
    trpc.auth.confirmTwoFactor.mutationOptions({
      onSuccess: async ({ recoveryCodes }) => {
        onEnabled(recoveryCodes)
        begin.reset()
        await Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.auth.twoFactorStatus.queryKey() }),
          queryClient.invalidateQueries({ queryKey: trpc.auth.me.queryKey() }),
        ])
      },
      onError: (error) => setErrors(serverFieldErrors(error)),
    }),
  )

  if (!begin.data) {
    return (
      <div className="space-y-3">
        {begin.isError && (
          <Alert tone="error" title={t('security.twoFactor.beginError')}>
            {requestErrorMessage(begin.error, t)}
          </Alert>
        )}
        <Button onClick={() => begin.mutate()} loading={begin.isPending}>
          <ShieldCheck aria-hidden className="size-4" />
          {t('security.twoFactor.enable')}
        </Button>
      </div>
    )
  }

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const parsed = validateForm(confirmTwoFactorInput, { code: String(new FormData(event.currentTarget).get('code') ?? '') })
    if (!parsed.success) return setErrors(parsed.errors)
    setErrors({})
    confirm.mutate(parsed.data)
  }
  const bannerError = confirm.isError && Object.keys(serverFieldErrors(confirm.error)).length === 0

  return (
    <div className="grid gap-6 md:grid-cols-[auto_minmax(0,1fr)]" data-testid="two-factor-enrolment">
      <div className="space-y-2">
        {/* A white quiet zone in both themes: scanners need dark modules on light. */}
        <img src={begin.data.qrCode} alt={t('security.twoFactor.qrAlt')} className="size-44 rounded-lg bg-white p-2 ring-1 ring-zinc-200 dark:ring-zinc-700" />
      </div>
      <div className="min-w-0 space-y-4">
        <ol className="list-decimal space-y-1 pl-5 text-sm text-zinc-700 dark:text-zinc-300">
          <li>{t('security.twoFactor.step1')}</li>
          <li>{t('security.twoFactor.step2')}</li>
        </ol>
        <div>
          <p className="text-xs font-medium text-zinc-600 dark:text-zinc-400">{t('security.twoFactor.manualKey')}</p>
          <div className="mt-1 flex flex-wrap items-center gap-2">
            <code className="rounded bg-zinc-100 px-2 py-1 font-mono text-sm break-all text-zinc-900 dark:bg-zinc-800 dark:text-zinc-100" data-testid="two-factor-key">
              {begin.data.manualKey}
            </code>
            <CopyButton value={begin.data.manualKey.replace(/\s+/g, '')} label={t('security.twoFactor.copyKey')} copiedLabel={t('security.twoFactor.copied')} size="sm" />
          </div>
        </div>
        <form noValidate onSubmit={submit} className="max-w-xs space-y-3" aria-label={t('security.twoFactor.confirmLabel')}>
          {bannerError && (
            <Alert tone="error" title={t('security.twoFactor.confirmError')}>
              {requestErrorMessage(confirm.error, t)}
            </Alert>
          )}
          <TextField label={t('security.twoFactor.code')} name="code" inputMode="numeric" autoComplete="one-time-code" maxLength={7} errors={errors.code} />
          <div className="flex flex-wrap gap-2">
            <Button type="submit" loading={confirm.isPending}>
              {t('security.twoFactor.confirm')}
            </Button>
            <Button variant="ghost" onClick={() => begin.reset()}>
              {t('security.twoFactor.cancel')}
            </Button>
          </div>
        </form>
      </div>
    </div>
  )
}

function RecoveryCodes({ codes, renewed, onDone }: { codes: string[]; renewed: boolean; onDone(): void }) {
  const { t } = useTranslation()
  return (
    <div className="space-y-4" data-testid="recovery-codes">
      <Alert tone="success" title={t(renewed ? 'security.twoFactor.regeneratedTitle' : 'security.twoFactor.enabledTitle')}>
        {t('security.twoFactor.recoveryHelp')}
      </Alert>
      <ul className="grid max-w-md grid-cols-2 gap-2 rounded-lg border border-zinc-200 p-3 font-mono text-sm text-zinc-900 dark:border-zinc-800 dark:text-zinc-100">
        {codes.map((code) => (
          <li key={code} data-testid="recovery-code">
            {code}
          </li>
        ))}
      </ul>
      <div className="flex flex-wrap gap-2">
        <CopyButton value={codes.join('\n')} label={t('security.twoFactor.copyCodes')} copiedLabel={t('security.twoFactor.copied')} />
        <Button onClick={onDone}>{t('security.twoFactor.savedCodes')}</Button>
      </div>
    </div>
  )
}

/** New recovery codes against a code from the app (the old ones stop working); shown once, like at enrolment. */
function RegenerateForm({ onRenewed }: { onRenewed(codes: string[]): void }) {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const client = useTRPCClient()
  const queryClient = useQueryClient()
  return (
    <FactorForm
      label={t('security.twoFactor.regenerate')}
      icon={<KeyRound aria-hidden className="size-4" />}
      intro={<p className="text-sm text-zinc-700 dark:text-zinc-300">{t('security.twoFactor.regenerateHelp')}</p>}
      submitLabel={t('security.twoFactor.regenerateConfirm')}
      errorTitle={t('security.twoFactor.regenerateError')}
      schema={regenerateRecoveryCodesInput}
      onSubmit={async (values) => {
        const { recoveryCodes } = await client.auth.regenerateRecoveryCodes.mutate(values)
        onRenewed(recoveryCodes)
        await queryClient.invalidateQueries({ queryKey: trpc.auth.twoFactorStatus.queryKey() })
      }}
    />
  )
}

function DisableForm({ required }: { required: boolean }) {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const client = useTRPCClient()
  const queryClient = useQueryClient()
  return (
    <FactorForm
      label={t('security.twoFactor.disable')}
      icon={<ShieldOff aria-hidden className="size-4" />}
      intro={required && <Alert tone="warning">{t('security.twoFactor.disableRequired')}</Alert>}
      submitLabel={t('security.twoFactor.disableConfirm')}
      danger
      errorTitle={t('security.twoFactor.disableError')}
      withPassword
      schema={disableTwoFactorInput}
      onSubmit={async (values) => {
        await client.auth.disableTwoFactor.mutate(values as z.output<typeof disableTwoFactorInput>)
        await Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.auth.twoFactorStatus.queryKey() }),
          queryClient.invalidateQueries({ queryKey: trpc.auth.me.queryKey() }),
        ])
      }}
    />
  )
}

/**
 * A button that opens a small form asking for a code from the app (and the password with
 * `withPassword`, where a recovery code is accepted too): field errors under their field, any other
 * failure as a banner; closed again once `onSubmit` succeeds.
 */
function FactorForm(props: {
  label: string
  icon: ReactNode
  intro?: ReactNode
  submitLabel: string
  danger?: boolean
  errorTitle: string
  withPassword?: boolean
  schema: z.ZodType<{ code: string; password?: string }>
  onSubmit(values: { code: string; password?: string }): Promise<void>
}) {
  const { t } = useTranslation()
  const [open, setOpen] = useState(false)
  const [errors, setErrors] = useState<FormErrors>({})
  const action = useMutation({
    mutationFn: props.onSubmit,
    onSuccess: () => setOpen(false),
    onError: (error) => setErrors(serverFieldErrors(error)),
  })
  if (!open) {
    return (
      <Button variant="secondary" onClick={() => setOpen(true)}>
        {props.icon}
        {props.label}
      </Button>
    )
  }
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const form = new FormData(event.currentTarget)
    const values = { code: String(form.get('code') ?? ''), ...(props.withPassword ? { password: String(form.get('password') ?? '') } : {}) }
    const parsed = validateForm(props.schema, values)
    if (!parsed.success) return setErrors(parsed.errors)
    setErrors({})
    action.mutate(parsed.data)
  }
  const bannerError = action.isError && Object.keys(serverFieldErrors(action.error)).length === 0
  // A line of its own in the row of buttons it opened from.
  return (
    <div className="basis-full">
      <form noValidate onSubmit={submit} className="max-w-md space-y-3" aria-label={props.label}>
        {props.intro}
        {bannerError && (
          <Alert tone="error" title={props.errorTitle}>
            {requestErrorMessage(action.error, t)}
          </Alert>
        )}
        {props.withPassword ? (
          <>
            <TextField label={t('security.twoFactor.password')} name="password" type="password" autoComplete="current-password" errors={errors.password} />
            <TextField label={t('security.twoFactor.codeOrRecovery')} name="code" autoComplete="one-time-code" errors={errors.code} />
          </>
        ) : (
          <TextField label={t('security.twoFactor.code')} name="code" inputMode="numeric" autoComplete="one-time-code" maxLength={7} errors={errors.code} />
        )}
        <div className="flex flex-wrap gap-2">
          <Button type="submit" variant={props.danger ? 'danger' : 'primary'} loading={action.isPending}>
            {props.submitLabel}
          </Button>
          <Button variant="ghost" onClick={() => setOpen(false)}>
            {t('security.twoFactor.cancel')}
          </Button>
        </div>
      </form>
    </div>
  )
}
