import { BookOpen } from 'lucide-react'
import { Trans, useTranslation } from 'react-i18next'
import { Card } from '../../../components/ui/card.tsx'

const codeClassName = 'whitespace-nowrap rounded bg-zinc-100 px-1 py-0.5 font-mono text-[0.8125rem] text-zinc-800 dark:bg-zinc-800 dark:text-zinc-200'

/** How a token is used, in two lines, with where to read more. */
export function ApiUsageHelp() {
  const { t } = useTranslation()
  return (
    <Card className="flex gap-4 p-5" data-testid="api-usage-help">
      <span className="hidden size-10 shrink-0 items-center justify-center rounded-lg bg-indigo-50 text-indigo-600 sm:flex dark:bg-indigo-500/10 dark:text-indigo-400">
        <BookOpen aria-hidden className="size-5" />
      </span>
      <div className="min-w-0 space-y-3 text-sm text-zinc-600 dark:text-zinc-400">
        <h2 className="text-base font-semibold text-zinc-900 dark:text-white">{t('admin.tokens.help.title')}</h2>
        <p>
          <Trans i18nKey="admin.tokens.help.header" components={{ code: <code className={codeClassName} /> }} />
        </p>
        <pre className="overflow-x-auto rounded-lg bg-zinc-950 px-3 py-2.5 text-xs leading-relaxed text-zinc-100 ring-1 ring-zinc-800">
          <code>{`Authorization: Bearer alf_…`}</code>
        </pre>
        <p>
          <Trans i18nKey="admin.tokens.help.scopes" components={{ strong: <strong className="font-medium text-zinc-800 dark:text-zinc-200" /> }} />
        </p>
        <p>
          <Trans
            i18nKey="admin.tokens.help.docs"
            components={{ code: <code className={codeClassName} />, ws: <code className={codeClassName} /> }}
          />
        </p>
      </div>
    </Card>
  )
}
