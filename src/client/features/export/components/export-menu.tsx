import { useState } from 'react'
import { Download, FileSpreadsheet, FileText, History, Sheet } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { can } from '../../../../shared/permissions.ts'
import { PDF_ROW_LIMIT, type ExportEntity } from '../../../../shared/schemas/export.ts'
import { totalText } from '../../../components/list-page/use-record-list.ts'
import { buttonStyles } from '../../../components/ui/button.tsx'
import { Menu, MenuGroup, MenuItem } from '../../../components/ui/menu.tsx'
import { useViewer } from '../../auth/hooks/use-viewer.ts'
import { useExport } from '../hooks/use-export.ts'
import { ExportHistoryDialog } from './export-history-dialog.tsx'
import { ExportStatus } from './export-status.tsx'

interface ExportMenuProps {
  entity: ExportEntity
  /** The list's current input (filters and sort, as sent to `<entity>.list`): the export holds exactly those rows. */
  filters: object
  /** Rows matching the filters, when the list knows it (the PDF has a cap). */
  total?: number
  /** More than `total` match (the list stopped counting). */
  totalCapped?: boolean
}

/** "Exporter" in a list's header: CSV (two delimiters), Excel with its chart, PDF report. */
export function ExportMenu({ entity, filters, total, totalCapped }: ExportMenuProps) {
  const { t, i18n } = useTranslation()
  const viewer = useViewer()
  const exporter = useExport(entity, filters)
  const [showHistory, setShowHistory] = useState(false)
  if (!can(viewer.role, 'data:export')) return null
  const running = exporter.state.status === 'running'
  const pdfTooLarge = total !== undefined && (totalCapped || total > PDF_ROW_LIMIT)
  const limit = PDF_ROW_LIMIT.toLocaleString(i18n.language).replace(/[\u202f\u00a0]/g, ' ')

  return (
    <>
      <Menu
        label={t('export.menu.label')}
        triggerClassName={buttonStyles({ variant: 'secondary' })}
        trigger={
          <span className="inline-flex items-center gap-2" data-testid={`export-menu-${entity}`}>
            <Download aria-hidden className="size-4" />
            {t('export.menu.trigger')}
          </span>
        }
      >
        {total !== undefined && (
          <p className="px-2.5 pt-1.5 pb-1 text-xs text-zinc-500 dark:text-zinc-400">{t('export.menu.scope', { count: total, total: totalText(total, totalCapped, i18n.language) })}</p>
        )}
        <MenuGroup label={t('export.menu.spreadsheet')}>
          <MenuItem icon={FileSpreadsheet} onSelect={() => void exporter.start({ format: 'xlsx' })}>
            <span data-testid="export-xlsx">{t('export.menu.xlsx')}</span>
          </MenuItem>
          <MenuItem icon={Sheet} onSelect={() => void exporter.start({ format: 'csv', delimiter: ';' })}>
            <span data-testid="export-csv-semicolon">{t('export.menu.csvSemicolon')}</span>
          </MenuItem>
          <MenuItem icon={Sheet} onSelect={() => void exporter.start({ format: 'csv', delimiter: ',' })}>
            <span data-testid="export-csv-comma">{t('export.menu.csvComma')}</span>
          </MenuItem>
        </MenuGroup>
        <MenuGroup label={t('export.menu.report')}>
          <MenuItem icon={FileText} onSelect={() => void exporter.start({ format: 'pdf' })}>
            <span className="flex flex-col" data-testid="export-pdf">
              {t('export.menu.pdf')}
              {pdfTooLarge && <span className="text-xs text-amber-700 dark:text-amber-400">{t('export.menu.pdfTooMany', { limit })}</span>}
            </span>
          </MenuItem>
        </MenuGroup>
        <div className="border-t border-zinc-200 pt-1 dark:border-zinc-800">
          <MenuItem icon={History} onSelect={() => setShowHistory(true)}>
            <span data-testid="export-history-open">{t('export.history.open')}</span>
          </MenuItem>
        </div>
      </Menu>
      <ExportHistoryDialog open={showHistory} onClose={() => setShowHistory(false)} />
      {exporter.state.status !== 'idle' && (!running || (exporter.state.status === 'running' && exporter.state.visible)) && (
        <ExportStatus state={exporter.state} progress={exporter.progress} limit={limit} onCancel={exporter.cancel} onDismiss={exporter.dismiss} />
      )}
    </>
  )
}
