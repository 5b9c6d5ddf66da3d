import { MessageSquare } from 'lucide-react'
import { Link } from '@tanstack/react-router'
import { useTranslation } from 'react-i18next'
import { Card, CardHeader, CardTitle } from '../../../components/ui/card.tsx'
import { FormattedDate } from '../../../components/ui/formatted-date.tsx'
import { KIND_ICONS } from '../../activity/activity-kinds.ts'
import { InteractionActions } from '../../activity/components/interaction-actions.tsx'
import type { PersonDetail } from '../person-display.ts'


/** The latest exchanges the person took part in, newest first. */
export function PersonInteractionsCard({
  interactions,
  className,
}: {
  interactions: PersonDetail['interactions']
  className?: string
}) {
  const { t } = useTranslation()
  return (
    <Card className={className} data-testid="person-interactions">
      <CardHeader className="pb-4">
        <CardTitle>{t('person.interactions.title')}</CardTitle>
      </CardHeader>
      {interactions.length === 0 ? (
        <div className="flex flex-col items-center border-t border-zinc-200 px-5 py-10 text-center dark:border-zinc-800">
          <MessageSquare aria-hidden className="size-6 text-zinc-400 dark:text-zinc-500" />
          <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">{t('person.interactions.empty')}</p>
        </div>
      ) : (
        <ol className="divide-y divide-zinc-100 border-t border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
          {interactions.map((interaction) => {
            const Icon = KIND_ICONS[interaction.kind]
            return (
              <li key={interaction.id} className="flex gap-3 px-5 py-3" data-testid="interaction-item">
                <span className="mt-0.5 flex size-8 shrink-0 items-center justify-center rounded-full bg-zinc-100 text-zinc-600 dark:bg-zinc-800 dark:text-zinc-300">
                  <Icon aria-hidden className="size-4" />
                </span>
                <div className="min-w-0 flex-1">
                  <p className="text-sm text-zinc-900 dark:text-zinc-100">
                    <span className="sr-only">{t(`person.interactions.kinds.${interaction.kind}`)} : </span>
                    {interaction.summary}
                  </p>
                  <p className="mt-0.5 text-xs text-zinc-500 dark:text-zinc-400">
                    <FormattedDate value={interaction.occurredAt} format="dateTime" />
                    {interaction.organisation && (
                      <>
                        {' · '}
                        <Link to="/organisations/$id" params={{ id: interaction.organisation.id }} className="hover:underline">
                          {interaction.organisation.name}
                        </Link>
                      </>
                    )}
                    {interaction.author && ` · ${interaction.author.name}`}
                  </p>
                </div>
                <InteractionActions interaction={interaction} />
              </li>
            )
          })}
        </ol>
      )}
    </Card>
  )
}
