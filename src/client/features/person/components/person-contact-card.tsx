import { useTranslation } from 'react-i18next'
import { focusRing } from '../../../components/ui/button.tsx'
import { Card, CardContent, CardHeader, CardTitle } from '../../../components/ui/card.tsx'
import { DescriptionItem, DescriptionList } from '../../../components/ui/description-list.tsx'
import { FormattedDate } from '../../../components/ui/formatted-date.tsx'
import { cn } from '../../../lib/cn.ts'
import type { PersonDetail } from '../person-display.ts'

const linkClassName = cn('rounded text-indigo-600 hover:underline dark:text-indigo-400', focusRing)

/** How to reach the person, who follows them, and free notes. */
export function PersonContactCard({ person, className }: { person: PersonDetail; className?: string }) {
  const { t } = useTranslation()
  return (
    <Card className={className} data-testid="person-contact">
      <CardHeader>
        <CardTitle>{t('person.detail.contact')}</CardTitle>
      </CardHeader>
      <CardContent>
        <DescriptionList className="sm:grid-cols-2 lg:grid-cols-1">
          <DescriptionItem label={t('person.form.email')}>
            {person.email && (
              <a href={`mailto:${person.email}`} className={linkClassName}>
                {person.email}
              </a>
            )}
          </DescriptionItem>
          <DescriptionItem label={t('person.form.phone')}>
            {person.phone && (
              <a href={`tel:${person.phone}`} className={linkClassName}>
                {person.phone}
              </a>
            )}
          </DescriptionItem>
          <DescriptionItem label={t('person.form.jobTitle')}>{person.jobTitle}</DescriptionItem>
          <DescriptionItem label={t('person.form.linkedinUrl')}>
            {person.linkedinUrl && (
              <a href={person.linkedinUrl} target="_blank" rel="noreferrer noopener" className={linkClassName}>
                {person.linkedinUrl.replace(/^https?:\/\/(www\.)?/, '')}
              </a>
            )}
          </DescriptionItem>
          <DescriptionItem label={t('person.detail.owner')}>{person.owner?.name}</DescriptionItem>
          <DescriptionItem label={t('person.detail.team')}>{person.team.name}</DescriptionItem>
          <DescriptionItem label={t('person.detail.updatedAt')}>
            <FormattedDate value={person.updatedAt} format="dateTime" />
          </DescriptionItem>
          <DescriptionItem label={t('person.form.notes')} wide>
            {person.notes && <span className="whitespace-pre-line">{person.notes}</span>}
          </DescriptionItem>
        </DescriptionList>
      </CardContent>
    </Card>
  )
}
