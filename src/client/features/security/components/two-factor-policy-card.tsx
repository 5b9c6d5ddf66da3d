import { useEffect, useState } from 'react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { ROLES, type Role } from '../../../../shared/permissions.ts'
import { Alert } from '../../../components/ui/alert.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '../../../components/ui/card.tsx'
import { CheckboxField } from '../../../components/ui/checkbox.tsx'
import { RetryAlert } from '../../../components/ui/retry-alert.tsx'
import { Skeleton } from '../../../components/ui/skeleton.tsx'
import { showToast } from '../../../components/ui/toast.tsx'
import { useTRPC } from '../../../lib/trpc.ts'
import { requestErrorMessage } from '../../admin/form-errors.ts'

/** The roles that must sign in with a second factor (admins only). */
export function TwoFactorPolicyCard() {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const policy = useQuery(trpc.security.policy.queryOptions())
  const [roles, setRoles] = useState<Role[]>([])
  useEffect(() => {
    if (policy.data) setRoles(policy.data.twoFactorRoles)
  }, [policy.data])
  const save = useMutation(
    trpc.security.updatePolicy.mutationOptions({
      onSuccess: async () => {
        showToast({ message: t('security.policy.saved') })
        await queryClient.invalidateQueries({ queryKey: trpc.security.policy.queryKey() })
      },
    }),
  )
  return (
    <Card data-testid="two-factor-policy">
      <CardHeader>
        <CardTitle>{t('security.policy.title')}</CardTitle>
        <CardDescription>{t('security.policy.description')}</CardDescription>
      </CardHeader>
      <CardContent className="space-y-4">
        {policy.isPending ? (
          <Skeleton className="h-16 w-full" aria-label={t('common.loading')} />
        ) : policy.isError ? (
          <RetryAlert
            title={t('security.policy.loadError')}
            description={requestErrorMessage(policy.error, t)}
            retryLabel={t('common.retry')}
            onRetry={() => void policy.refetch()}
            retrying={policy.isFetching}
          />
        ) : (
          <form
            className="space-y-4"
            onSubmit={(event) => {
              event.preventDefault()
              save.mutate({ twoFactorRoles: roles })
            }}
          >
            {save.isError && (
              <Alert tone="error" title={t('security.policy.error')}>
                {requestErrorMessage(save.error, t)}
              </Alert>
            )}
            <div className="flex flex-wrap gap-x-6 gap-y-2">
              {ROLES.map((role) => (
                <CheckboxField
                  key={role}
                  label={t(`roles.${role}`)}
                  checked={roles.includes(role)}
                  onChange={(event) =>
                    setRoles((current) => (event.target.checked ? [...current, role] : current.filter((other) => other !== role)))
                  }
                />
              ))}
            </div>
            <Button type="submit" loading={save.isPending}>
              {t('security.policy.save')}
            </Button>
          </form>
        )}
      </CardContent>
    </Card>
  )
}
