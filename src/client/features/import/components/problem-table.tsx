import { useTranslation } from 'react-i18next'
import { cn } from '../../../lib/cn.ts'

interface Problem {
  line: number
  column: string
  severity: 'error' | 'warning'
  message: string
}

/** Every problem with its line, column and message (the first ones; the CSV report has them all). */
export function ProblemTable({ problems, total }: { problems: Problem[]; total: number }) {
  const { t } = useTranslation()
  if (total === 0) return <p className="text-sm text-emerald-700 dark:text-emerald-400">{t('import.report.noProblems')}</p>
  return (
    <div>
      <h3 className="text-sm font-semibold text-zinc-900 dark:text-white">{t('import.report.problems', { count: total })}</h3>
      <div className="mt-2 max-h-80 overflow-auto rounded-lg border border-zinc-200 dark:border-zinc-800">
        <table className="w-full text-sm" data-testid="import-problems">
          <thead className="sticky top-0 bg-zinc-50 text-left text-xs font-medium text-zinc-600 dark:bg-zinc-900 dark:text-zinc-400">
            <tr>
              <th className="px-3 py-2">{t('import.report.line')}</th>
              <th className="px-3 py-2">{t('import.report.column')}</th>
              <th className="px-3 py-2">{t('import.report.message')}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
            {problems.map((problem, index) => (
              <tr key={index}>
                <td className="px-3 py-2 tabular-nums">{problem.line}</td>
                <td className="px-3 py-2 break-words">{problem.column}</td>
                <td className="px-3 py-2">
                  <span
                    className={cn(
                      'mr-2 inline-block rounded px-1.5 py-0.5 text-xs font-medium',
                      problem.severity === 'error'
                        ? 'bg-red-50 text-red-700 dark:bg-red-950/60 dark:text-red-300'
                        : 'bg-amber-50 text-amber-800 dark:bg-amber-950/60 dark:text-amber-300',
                    )}
                  >
                    {t(`import.report.${problem.severity}`)}
                  </span>
                  <span className="text-zinc-800 dark:text-zinc-200">{problem.message}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {total > problems.length && <p className="mt-2 text-xs text-zinc-600 dark:text-zinc-400">{t('import.report.moreProblems', { shown: problems.length })}</p>}
    </div>
  )
}
