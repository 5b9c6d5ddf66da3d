import { FileUp } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { can } from '../../../../shared/permissions.ts'
import { Card, CardContent, CardHeader, CardTitle } from '../../../components/ui/card.tsx'
import { useViewer } from '../../auth/hooks/use-viewer.ts'
import { PageHeader } from '../../shell/components/page-header.tsx'
import { useImportLive } from '../hooks/use-import-live.ts'
import { ImportFlow } from './import-flow.tsx'
import { ImportHistory } from './import-history.tsx'

/** Imports: the wizard (upload → columns → dry run → live run → outcome) and the team's history. */
export function ImportsPage({ id, onOpen }: { id: string | undefined; onOpen: (id: string | undefined) => void }) {
  const { t } = useTranslation()
  const viewer = useViewer()
  useImportLive()
  return (
    <div className="space-y-6">
      <PageHeader title={t('import.page.title')} description={t('import.page.description')} icon={FileUp} />
      {(can(viewer.role, 'data:import') || id) && (
        <Card>
          <CardContent className="pt-6">
            <ImportFlow id={id} onOpen={onOpen} />
          </CardContent>
        </Card>
      )}
      <Card>
        <CardHeader>
          <CardTitle>{t('import.history.title')}</CardTitle>
        </CardHeader>
        <CardContent>
          <ImportHistory onOpen={onOpen} />
        </CardContent>
      </Card>
    </div>
  )
}
