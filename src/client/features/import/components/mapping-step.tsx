import { useState } from 'react'
import { useMutation, useQuery } from '@tanstack/react-query'
import { FlaskConical } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { DUPLICATE_POLICIES, IMPORT_FIELDS, type DuplicatePolicy, type ImportMapping, type ImportField } from '../../../../shared/schemas/import.ts'
import { Alert } from '../../../components/ui/alert.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { Select, SelectField } from '../../../components/ui/select.tsx'
import { SegmentedControl } from '../../../components/ui/segmented-control.tsx'
import { TableSkeleton } from '../../../components/ui/table-skeleton.tsx'
import { RetryAlert } from '../../../components/ui/retry-alert.tsx'
import { errorKind } from '../../../lib/errors.ts'
import { useTRPC } from '../../../lib/trpc.ts'
import type { DryRunResult } from './report-step.tsx'

/** Step 2: the columns as understood (editable), the first rows, the sheet and the duplicate policy. */
export function MappingStep({ id, onDryRun }: { id: string; onDryRun: (result: DryRunResult) => void }) {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const [sheet, setSheet] = useState<string | undefined>(undefined)
  const preview = useQuery(trpc.imports.preview.queryOptions({ id, sheet }))
  const [edits, setEdits] = useState<{ sheet?: string; mapping: ImportMapping }>({ mapping: {} })
  const [policy, setPolicy] = useState<DuplicatePolicy | undefined>(undefined)
  const dryRun = useMutation(trpc.imports.dryRun.mutationOptions({ onSuccess: onDryRun }))

  if (preview.isPending) return <TableSkeleton rows={5} columns={3} label={t('common.loading')} />
  if (preview.isError) return <RetryAlert title={t('import.errors.load')} description={t('errors.unreachable')} retryLabel={t('common.retry')} onRetry={() => void preview.refetch()} retrying={preview.isFetching} />
  const data = preview.data
  const mapping = { ...data.mapping, ...(edits.sheet === data.sheet ? edits.mapping : {}) }
  const chosenPolicy = policy ?? data.duplicatePolicy
  const setField = (header: string, field: ImportField | null) => setEdits({ sheet: data.sheet ?? undefined, mapping: { ...(edits.sheet === data.sheet ? edits.mapping : {}), [header]: field } })

  return (
    <div className="space-y-5">
      <div>
        <h2 className="text-base font-semibold text-zinc-900 dark:text-white">{t('import.mapping.title')}</h2>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
          {t('import.mapping.description', { file: data.fileName, count: data.totalRows })}
          {data.encoding && <> · {t('import.mapping.encoding', { encoding: data.encoding })}</>}
        </p>
      </div>
      {data.sheets.length > 1 && (
        <SelectField label={t('import.mapping.sheet')} value={data.sheet ?? ''} onChange={(event) => setSheet(event.target.value)} className="max-w-xs">
          {data.sheets.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </SelectField>
      )}
      <div className="overflow-x-auto rounded-lg border border-zinc-200 dark:border-zinc-800">
        <table className="w-full text-sm">
          <thead className="bg-zinc-50 text-left text-xs font-medium text-zinc-600 dark:bg-zinc-900 dark:text-zinc-400">
            <tr>
              <th className="px-3 py-2">{t('import.mapping.column')}</th>
              <th className="px-3 py-2">{t('import.mapping.field')}</th>
              <th className="hidden px-3 py-2 md:table-cell">{t('import.mapping.example')}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
            {data.headers.map((header, index) => (
              <tr key={header}>
                <td className="px-3 py-2 font-medium break-words text-zinc-900 dark:text-zinc-100">{header}</td>
                <td className="px-3 py-2">
                  <Select
                    aria-label={t('import.mapping.field') + ' — ' + header}
                    value={mapping[header] ?? ''}
                    onChange={(event) => setField(header, (event.target.value || null) as ImportField | null)}
                    className="min-w-40"
                  >
                    <option value="">{t('import.mapping.ignore')}</option>
                    {IMPORT_FIELDS.map((field) => (
                      <option key={field} value={field}>
                        {t(`import.fields.${field}`)}
                      </option>
                    ))}
                  </Select>
                </td>
                <td className="hidden max-w-64 truncate px-3 py-2 text-zinc-600 md:table-cell dark:text-zinc-400">{data.rows[0]?.[index] ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div>
        <p aria-hidden className="mb-1.5 text-sm font-medium text-zinc-900 dark:text-zinc-100">
          {t('import.mapping.policy')}
        </p>
        <SegmentedControl
          legend={t('import.mapping.policy')}
          options={DUPLICATE_POLICIES.map((value) => ({ value, label: t(`import.mapping.policies.${value}`) }))}
          value={chosenPolicy}
          onChange={setPolicy}
        />
      </div>
      {dryRun.isError && <Alert tone="error">{errorKind(dryRun.error) === 'invalid' ? t('import.errors.mapping') : t('import.errors.action')}</Alert>}
      <div>
        <Button onClick={() => dryRun.mutate({ id, sheet: data.sheet ?? undefined, mapping, duplicatePolicy: chosenPolicy })} loading={dryRun.isPending}>
          <FlaskConical aria-hidden className="size-4" />
          {t('import.mapping.dryRun')}
        </Button>
      </div>
    </div>
  )
}
