import { useEffect, useState } from 'react'
import { Link, useRouter, type ErrorComponentProps } from '@tanstack/react-router'
import { RefreshCw, TriangleAlert, WifiOff } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { Button, buttonStyles } from '../../../components/ui/button.tsx'
import { correlationIdOf, errorKind } from '../../../lib/errors.ts'
import { reportError } from '../../../lib/sentry.ts'
import { useDocumentTitle } from '../../../lib/use-document-title.ts'
import { StatusScreen } from './status-screen.tsx'

export function RouteError({ error }: ErrorComponentProps) {
  const { t } = useTranslation()
  const router = useRouter()
  const [retrying, setRetrying] = useState(false)
  const kind = errorKind(error)
  useDocumentTitle(t('errors.title'))

  useEffect(() => {
    // An unreachable server is the network's fault, not a bug worth an issue.
    if (kind !== 'unreachable') reportError(error)
  }, [error, kind])

  const retry = async () => {
    setRetrying(true)
    try {
      await router.invalidate()
    } finally {
      setRetrying(false)
    }
  }

  const description =
    kind === 'unreachable' ? t('errors.unreachable') : kind === 'server' ? t('errors.server') : t('errors.unknown')
  // The same id is in the server's logs and its Sentry event: support finds the failure from it.
  const reference = kind === 'server' ? correlationIdOf(error) : undefined

  return (
    <StatusScreen
      data-testid="route-error"
      tone="danger"
      icon={kind === 'unreachable' ? WifiOff : TriangleAlert}
      title={t('errors.title')}
      description={
        reference ? (
          <>
            {description}
            <span data-testid="incident-reference" className="mt-2 block font-mono text-xs select-all">
              {t('errors.reference', { id: reference })}
            </span>
          </>
        ) : (
          description
        )
      }
      actions={
        <>
          <Button onClick={retry} loading={retrying}>
            {!retrying && <RefreshCw aria-hidden className="size-4" />}
            {t('common.retry')}
          </Button>
          <Link to="/" reloadDocument className={buttonStyles({ variant: 'secondary' })}>
            {t('common.backHome')}
          </Link>
        </>
      }
    />
  )
}
