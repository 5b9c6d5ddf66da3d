import { useId, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { Alert } from '../../../components/ui/alert.tsx'
import { CopyButton } from '../../../components/ui/copy-button.tsx'
import { Input } from '../../../components/ui/input.tsx'
import { Label } from '../../../components/ui/label.tsx'

/** The plain token, shown this once: the server keeps only its hash. */
export function CreatedToken({ token }: { token: string }) {
  const { t } = useTranslation()
  const id = useId()
  const inputRef = useRef<HTMLInputElement>(null)
  const selectToken = () => inputRef.current?.select()

  return (
    <div className="space-y-4" data-testid="created-token">
      <Alert tone="warning" title={t('admin.tokens.created.warningTitle')}>
        {t('admin.tokens.created.warning')}
      </Alert>
      <div>
        <Label htmlFor={id}>{t('admin.tokens.created.label')}</Label>
        <div className="mt-1.5 flex flex-col gap-2 sm:flex-row">
          <Input
            ref={inputRef}
            id={id}
            readOnly
            value={token}
            spellCheck={false}
            onFocus={selectToken}
            className="font-mono text-xs"
            data-autofocus
            data-testid="created-token-value"
          />
          <CopyButton
            value={token}
            label={t('admin.tokens.created.copy')}
            copiedLabel={t('admin.tokens.created.copied')}
            onCopyFailed={selectToken}
          />
        </div>
      </div>
      <div>
        <p className="text-sm font-medium text-zinc-800 dark:text-zinc-200">{t('admin.tokens.created.exampleTitle')}</p>
        <pre className="mt-1.5 overflow-x-auto rounded-lg bg-zinc-950 px-3 py-2.5 text-xs leading-relaxed text-zinc-100 ring-1 ring-zinc-800">
          <code>{`curl -H "Authorization: Bearer ${token}" \\\n  ${location.origin}/trpc/auth.me`}</code>
        </pre>
      </div>
    </div>
  )
}
