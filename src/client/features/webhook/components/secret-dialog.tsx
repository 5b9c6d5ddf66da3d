import { useId, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { Alert } from '../../../components/ui/alert.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { CopyButton } from '../../../components/ui/copy-button.tsx'
import { Dialog } from '../../../components/ui/dialog.tsx'
import { Input } from '../../../components/ui/input.tsx'
import { Label } from '../../../components/ui/label.tsx'

/** The signing secret, shown this once: the server keeps it encrypted and never sends it again. */
export function SecretDialog({ secret, rotated, onClose }: { secret: string; rotated: boolean; onClose: () => void }) {
  const { t } = useTranslation()
  const id = useId()
  const inputRef = useRef<HTMLInputElement>(null)
  const select = () => inputRef.current?.select()
  return (
    <Dialog
      open
      onClose={onClose}
      title={rotated ? t('webhooks.secret.rotatedTitle') : t('webhooks.secret.createdTitle')}
      closeLabel={t('admin.dialog.close')}
      size="lg"
      data-testid="webhook-secret-dialog"
      footer={<Button onClick={onClose}>{t('webhooks.secret.done')}</Button>}
    >
      <div className="space-y-4">
        <Alert tone="warning" title={t('webhooks.secret.warningTitle')}>
          {t('webhooks.secret.warning')}
          {rotated && <> {t('webhooks.secret.rotatedWarning')}</>}
        </Alert>
        <div>
          <Label htmlFor={id}>{t('webhooks.secret.label')}</Label>
          <div className="mt-1.5 flex flex-col gap-2 sm:flex-row">
            <Input
              ref={inputRef}
              id={id}
              readOnly
              value={secret}
              spellCheck={false}
              onFocus={select}
              className="font-mono text-xs"
              data-autofocus
              data-testid="webhook-secret-value"
            />
            <CopyButton value={secret} label={t('webhooks.secret.copy')} copiedLabel={t('webhooks.secret.copied')} onCopyFailed={select} />
          </div>
        </div>
      </div>
    </Dialog>
  )
}
