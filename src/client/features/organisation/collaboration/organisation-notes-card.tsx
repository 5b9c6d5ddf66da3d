import { useTranslation } from 'react-i18next'
import { Card, CardContent, CardHeader, CardTitle } from '../../../components/ui/card.tsx'
import type { OrganisationDetail } from '../form.ts'

interface OrganisationNotesCardProps {
  organisation: OrganisationDetail
  /** False for viewers: they watch the notes being written but cannot type. */
  canEdit: boolean
}

/** The organisation's notes, co-edited character by character (placeholder until the editor lands). */
export function OrganisationNotesCard({ organisation, canEdit: _canEdit }: OrganisationNotesCardProps) {
  const { t } = useTranslation()
  return (
    <Card data-testid="organisation-notes">
      <CardHeader>
        <CardTitle>{t('collaboration.notes.title')}</CardTitle>
      </CardHeader>
      <CardContent>
        <p className="whitespace-pre-wrap">{organisation.notes}</p>
      </CardContent>
    </Card>
  )
}
