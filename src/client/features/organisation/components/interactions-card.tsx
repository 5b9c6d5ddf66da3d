import { MessagesSquare } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { KIND_ICONS } from '../../activity/activity-kinds.ts'
import { InteractionActions } from '../../activity/components/interaction-actions.tsx'
import type { OrganisationDetail } from '../form.ts'
import { useFormatters } from '../format.ts'
import { RelatedCard } from './related-card.tsx'

export function InteractionsCard({ interactions }: { interactions: OrganisationDetail['interactions'] }) {
  const { t } = useTranslation()
  const format = useFormatters()
  return (
    <RelatedCard
      icon={MessagesSquare}
      title={t('organisation.interactions.title')}
      count={interactions.length}
      empty={t('organisation.interactions.empty')}
      data-testid="organisation-interactions"
    >
      {interactions.map((interaction) => {
        const Icon = KIND_ICONS[interaction.kind]
        return (
          <li key={interaction.id} className="flex gap-3 px-5 py-3" data-testid="interaction-item">
            <span className="mt-0.5 flex size-7 shrink-0 items-center justify-center rounded-full bg-indigo-50 text-indigo-600 dark:bg-indigo-500/10 dark:text-indigo-400">
              <Icon aria-hidden className="size-3.5" />
            </span>
            <div className="min-w-0 flex-1">
              <p className="text-xs text-zinc-500 dark:text-zinc-400">
                <span className="font-medium text-zinc-700 dark:text-zinc-300">
                  {t(`organisation.interactions.kinds.${interaction.kind}`)}
                </span>
                {' · '}
                <time dateTime={interaction.occurredAt.toISOString()}>{format.dateTime(interaction.occurredAt)}</time>
                {' · '}
                {interaction.author
                  ? t('organisation.interactions.by', { name: interaction.author.name })
                  : t('organisation.interactions.unknownAuthor')}
              </p>
              <p className="mt-0.5 text-sm text-zinc-900 dark:text-zinc-100">{interaction.summary}</p>
            </div>
            <InteractionActions interaction={interaction} />
          </li>
        )
      })}
    </RelatedCard>
  )
}
