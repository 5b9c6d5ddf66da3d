import { BookOpen } from 'lucide-react'
import { Trans, useTranslation } from 'react-i18next'
import { Card } from '../../../components/ui/card.tsx'

/** What a token is for, in plain words, and who to give it to. */
export function ApiUsageHelp() {
  const { t } = useTranslation()
  return (
    <Card className="flex gap-4 p-5" data-testid="api-usage-help">
      <span className="hidden size-10 shrink-0 items-center justify-center rounded-lg bg-indigo-50 text-indigo-600 sm:flex dark:bg-indigo-500/10 dark:text-indigo-400">
        <BookOpen aria-hidden className="size-5" />
      </span>
      <div className="min-w-0 space-y-3 text-sm text-zinc-600 dark:text-zinc-400">
        <h2 className="text-base font-semibold text-zinc-900 dark:text-white">{t('admin.tokens.help.title')}</h2>
        <p>{t('admin.tokens.help.header')}</p>
        <p>
          <Trans i18nKey="admin.tokens.help.scopes" components={{ strong: <strong className="font-medium text-zinc-800 dark:text-zinc-200" /> }} />
        </p>
        <p>{t('admin.tokens.help.docs')}</p>
      </div>
    </Card>
  )
}
