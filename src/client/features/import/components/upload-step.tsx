import { useRef, useState } from 'react'
import { useQuery } from '@tanstack/react-query'
import { Download, FileUp } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { Alert } from '../../../components/ui/alert.tsx'
import { buttonStyles } from '../../../components/ui/button.tsx'
import { SelectField } from '../../../components/ui/select.tsx'
import { Spinner } from '../../../components/ui/spinner.tsx'
import { useTRPC } from '../../../lib/trpc.ts'
import { useViewer } from '../../auth/hooks/use-viewer.ts'
import { UploadError, uploadImportFile } from '../import-upload.ts'

/** Step 1: pick a file (an admin also picks the team); the server reads it at once and says why not. */
export function UploadStep({ onUploaded }: { onUploaded: (id: string) => void }) {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const viewer = useViewer()
  const isAdmin = viewer.role === 'ADMIN'
  const teams = useQuery({ ...trpc.teams.list.queryOptions({ limit: 200 }), enabled: isAdmin })
  const [teamId, setTeamId] = useState(viewer.teamId ?? '')
  const [uploading, setUploading] = useState(false)
  const [error, setError] = useState<UploadError['code'] | null>(null)
  const input = useRef<HTMLInputElement>(null)

  async function send(file: File) {
    setUploading(true)
    setError(null)
    try {
      const uploaded = await uploadImportFile(file, isAdmin && teamId ? teamId : undefined)
      onUploaded(uploaded.id)
    } catch (caught) {
      setError(caught instanceof UploadError ? caught.code : 'unknown')
    } finally {
      setUploading(false)
      if (input.current) input.current.value = ''
    }
  }

  return (
    <div className="space-y-4">
      <div>
        <h2 className="text-base font-semibold text-zinc-900 dark:text-white">{t('import.upload.title')}</h2>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{t('import.upload.help')}</p>
      </div>
      {isAdmin && (
        <SelectField label={t('import.upload.team')} value={teamId} onChange={(event) => setTeamId(event.target.value)} className="max-w-xs">
          {(teams.data?.items ?? []).map((team) => (
            <option key={team.id} value={team.id}>
              {team.name}
            </option>
          ))}
        </SelectField>
      )}
      <div className="flex flex-col gap-3 sm:flex-row sm:items-center">
        <label className={buttonStyles({ className: 'cursor-pointer' })}>
          {uploading ? <Spinner size="sm" /> : <FileUp aria-hidden className="size-4" />}
          {uploading ? t('import.upload.uploading') : t('import.upload.choose')}
          <input
            ref={input}
            type="file"
            className="sr-only"
            accept=".csv,.txt,.tsv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            disabled={uploading}
            data-testid="import-file"
            onChange={(event) => {
              const file = event.target.files?.[0]
              if (file) void send(file)
            }}
          />
        </label>
        <a href="/exemple-import.csv" download className={buttonStyles({ variant: 'ghost' })}>
          <Download aria-hidden className="size-4" />
          {t('import.upload.sample')}
        </a>
      </div>
      {error && <Alert tone="error">{t(`import.uploadErrors.${error}`)}</Alert>}
    </div>
  )
}
