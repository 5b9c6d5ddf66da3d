import { useState } from 'react'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { Info } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { MUTABLE_NOTIFICATION_TYPES, type MutableNotificationType } from '../../../../shared/schemas/settings.ts'
import { Alert } from '../../../components/ui/alert.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '../../../components/ui/card.tsx'
import { CheckboxField } from '../../../components/ui/checkbox.tsx'
import { showToast } from '../../../components/ui/toast.tsx'
import { useTRPC } from '../../../lib/trpc.ts'

interface NotificationPreferencesCardProps {
  muted: readonly string[]
  emailAvailable: boolean
}

/** Which kinds of notification reach the user in the app; system messages always do. */
export function NotificationPreferencesCard({ muted, emailAvailable }: NotificationPreferencesCardProps) {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const [off, setOff] = useState<ReadonlySet<string>>(() => new Set(muted))
  const save = useMutation(
    trpc.settings.updateNotifications.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries(trpc.settings.get.queryFilter())
        showToast({ message: t('settings.notifications.saved') })
      },
    }),
  )
  const toggle = (kind: MutableNotificationType) =>
    setOff((current) => {
      const next = new Set(current)
      if (!next.delete(kind)) next.add(kind)
      return next
    })

  return (
    <Card data-testid="settings-notifications">
      <CardHeader>
        <CardTitle>{t('settings.notifications.title')}</CardTitle>
        <CardDescription>{t('settings.notifications.text')}</CardDescription>
      </CardHeader>
      <CardContent className="space-y-5">
        {save.isError && <Alert tone="error">{t('settings.saveFailed')}</Alert>}
        <fieldset className="space-y-3">
          <legend className="mb-3 text-sm font-medium text-zinc-800 dark:text-zinc-200">{t('settings.notifications.legend')}</legend>
          {MUTABLE_NOTIFICATION_TYPES.map((kind) => (
            <CheckboxField
              key={kind}
              label={t(`settings.notifications.kinds.${kind}.label`)}
              description={t(`settings.notifications.kinds.${kind}.hint`)}
              checked={!off.has(kind)}
              onChange={() => toggle(kind)}
            />
          ))}
        </fieldset>
        {!emailAvailable && (
          <p className="flex gap-2 text-sm text-zinc-600 dark:text-zinc-400">
            <Info aria-hidden className="mt-0.5 size-4 shrink-0" />
            {t('settings.notifications.emailUnavailable')}
          </p>
        )}
        <div className="flex justify-end">
          <Button loading={save.isPending} onClick={() => save.mutate({ muted: MUTABLE_NOTIFICATION_TYPES.filter((kind) => off.has(kind)) })}>
            {t('settings.notifications.save')}
          </Button>
        </div>
      </CardContent>
    </Card>
  )
}
