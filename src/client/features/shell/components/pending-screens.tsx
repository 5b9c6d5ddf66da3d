import { useTranslation } from 'react-i18next'
import { Skeleton } from '../../../components/ui/skeleton.tsx'
import { Spinner } from '../../../components/ui/spinner.tsx'

/** While a page inside the layout loads. */
export function PagePending() {
  const { t } = useTranslation()
  return (
    <div className="space-y-8" aria-busy="true">
      <span role="status" className="sr-only">
        {t('common.loading')}
      </span>
      <div className="flex items-center gap-4">
        <Skeleton className="size-11 rounded-xl" />
        <div className="space-y-2">
          <Skeleton className="h-6 w-48" />
          <Skeleton className="h-4 w-72" />
        </div>
      </div>
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {Array.from({ length: 6 }, (_, index) => (
          <Skeleton key={index} className="h-28 rounded-xl" />
        ))}
      </div>
    </div>
  )
}

/** While the signed-in user is being identified: the shell's outline, so nothing jumps once known. */
export function ShellPending() {
  const { t } = useTranslation()
  return (
    <div className="min-h-dvh" aria-busy="true" data-testid="shell-pending">
      <div className="hidden border-r border-zinc-200 bg-white lg:fixed lg:inset-y-0 lg:flex lg:w-64 lg:flex-col lg:gap-3 lg:p-6 dark:border-zinc-800 dark:bg-zinc-900">
        <Skeleton className="mb-6 h-8 w-36" />
        {Array.from({ length: 7 }, (_, index) => (
          <Skeleton key={index} className="h-8 w-full" />
        ))}
      </div>
      <div className="lg:pl-64">
        <div className="flex h-16 items-center justify-between border-b border-zinc-200 bg-white px-4 sm:px-6 lg:px-8 dark:border-zinc-800 dark:bg-zinc-900">
          <Skeleton className="h-8 w-32 lg:invisible" />
          <Skeleton className="size-8 rounded-full" />
        </div>
        <div className="flex items-center justify-center py-24">
          <Spinner size="lg" label={t('common.loading')} className="text-indigo-600 dark:text-indigo-400" />
        </div>
      </div>
    </div>
  )
}

/** While a page outside the layout (the login page) checks who is there. */
export function CenteredPending() {
  const { t } = useTranslation()
  return (
    <div className="flex min-h-dvh items-center justify-center" aria-busy="true">
      <Spinner size="lg" label={t('common.loading')} className="text-indigo-600 dark:text-indigo-400" />
    </div>
  )
}
