import { useState } from 'react'
import { Link, useRouter, type ErrorComponentProps } from '@tanstack/react-router'
import { ArrowLeft, Building2 } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { buttonStyles, focusRing } from '../../../components/ui/button.tsx'
import { Card } from '../../../components/ui/card.tsx'
import { RetryAlert } from '../../../components/ui/retry-alert.tsx'
import { Skeleton } from '../../../components/ui/skeleton.tsx'
import { cn } from '../../../lib/cn.ts'
import { errorKind } from '../../../lib/errors.ts'
import { useDocumentTitle } from '../../../lib/use-document-title.ts'
import { StatusScreen } from '../../shell/components/status-screen.tsx'

export function BackToList() {
  const { t } = useTranslation()
  return (
    <Link
      to="/organisations"
      className={cn(
        'inline-flex items-center gap-1.5 rounded text-sm font-medium text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-white',
        focusRing,
      )}
    >
      <ArrowLeft aria-hidden className="size-4" />
      {t('organisation.detail.back')}
    </Link>
  )
}

export function OrganisationNotFound() {
  const { t } = useTranslation()
  useDocumentTitle(t('organisation.detail.notFoundTitle'))
  return (
    <StatusScreen
      data-testid="organisation-not-found"
      icon={Building2}
      eyebrow={t('errors.notFoundCode')}
      title={t('organisation.detail.notFoundTitle')}
      description={t('organisation.detail.notFoundText')}
      actions={
        <Link to="/organisations" className={buttonStyles()}>
          {t('organisation.detail.notFoundBack')}
        </Link>
      }
    />
  )
}

/** Failure to load (not a missing record): says why, and retries in place. */
export function OrganisationDetailError({ error, onRetry }: { error: unknown; onRetry: () => Promise<unknown> }) {
  const { t } = useTranslation()
  const [retrying, setRetrying] = useState(false)
  useDocumentTitle(t('organisation.detail.errorTitle'))
  const retry = async () => {
    setRetrying(true)
    try {
      await onRetry()
    } finally {
      setRetrying(false)
    }
  }
  return (
    <div className="space-y-6">
      <BackToList />
      <RetryAlert
        title={t('organisation.detail.errorTitle')}
        description={errorKind(error) === 'unreachable' ? t('errors.unreachable') : t('errors.server')}
        retryLabel={t('common.retry')}
        onRetry={() => void retry()}
        retrying={retrying}
      />
    </div>
  )
}

/** The route's error screen: reloading the route re-runs its loader. */
export function OrganisationRouteError({ error }: ErrorComponentProps) {
  const router = useRouter()
  return <OrganisationDetailError error={error} onRetry={() => router.invalidate()} />
}

export function OrganisationDetailSkeleton() {
  const { t } = useTranslation()
  return (
    <div className="space-y-6" aria-busy="true">
      <span role="status" className="sr-only">
        {t('organisation.detail.loading')}
      </span>
      <Skeleton className="h-4 w-28" />
      <div className="space-y-3">
        <Skeleton className="h-8 w-80 max-w-full" />
        <div className="flex gap-2">
          <Skeleton className="h-5 w-24 rounded-full" />
          <Skeleton className="h-5 w-24 rounded-full" />
        </div>
      </div>
      <div className="grid gap-6 lg:grid-cols-3">
        <Card className="space-y-4 p-5 lg:col-span-2">
          {Array.from({ length: 6 }, (_, index) => (
            <Skeleton key={index} className="h-10 w-full" />
          ))}
        </Card>
        <div className="space-y-6">
          <Skeleton className="h-40 rounded-xl" />
          <Skeleton className="h-40 rounded-xl" />
        </div>
      </div>
    </div>
  )
}
