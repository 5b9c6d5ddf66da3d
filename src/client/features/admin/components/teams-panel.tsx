import { useCallback, useState, type ReactNode } from 'react'
import { useQuery } from '@tanstack/react-query'
import { Pencil, Plus, Trash2, UsersRound } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { Button } from '../../../components/ui/button.tsx'
import { EmptyState } from '../../../components/ui/empty-state.tsx'
import { FormattedDate } from '../../../components/ui/formatted-date.tsx'
import { RetryAlert } from '../../../components/ui/retry-alert.tsx'
import { TableSkeleton } from '../../../components/ui/table-skeleton.tsx'
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from '../../../components/ui/table.tsx'
import { useTRPC } from '../../../lib/trpc.ts'
import { requestErrorMessage } from '../form-errors.ts'
import { teamsQueryOptions } from '../queries.ts'
import type { AdminTeam } from '../team-counts.ts'
import { TeamDeleteDialog } from './team-delete-dialog.tsx'
import { TeamFormDialog } from './team-form-dialog.tsx'

type OpenDialog = { kind: 'create' } | { kind: 'rename'; team: AdminTeam } | { kind: 'delete'; team: AdminTeam } | null

export function TeamsPanel() {
  const { t, i18n } = useTranslation()
  const trpc = useTRPC()
  const teams = useQuery(teamsQueryOptions(trpc))
  const [dialog, setDialog] = useState<OpenDialog>(null)
  const closeDialog = useCallback(() => setDialog(null), [])
  const number = new Intl.NumberFormat(i18n.language)

  return (
    <section aria-labelledby="teams-title" className="space-y-5">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
        <div>
          <h2 id="teams-title" className="text-base font-semibold text-zinc-900 dark:text-white">
            {t('admin.teams.title')}
          </h2>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            {teams.data ? t('admin.teams.count', { count: teams.data.total }) : t('common.loading')}
          </p>
        </div>
        <Button onClick={() => setDialog({ kind: 'create' })}>
          <Plus aria-hidden className="size-4" />
          {t('admin.teams.create')}
        </Button>
      </div>

      {teams.isPending ? (
        <TableSkeleton columns={5} rows={3} label={t('common.loading')} />
      ) : teams.isError ? (
        <RetryAlert
          title={t('admin.teams.loadError')}
          description={requestErrorMessage(teams.error, t)}
          retryLabel={t('common.retry')}
          onRetry={() => void teams.refetch()}
          retrying={teams.isFetching}
        />
      ) : teams.data.items.length === 0 ? (
        <EmptyState icon={UsersRound} title={t('admin.teams.emptyTitle')} description={t('admin.teams.emptyText')} />
      ) : (
        <TeamsTable>
          {teams.data.items.map((team) => (
            <TableRow key={team.id} data-testid="team-row">
              <TableCell className="font-medium text-zinc-900 dark:text-white">{team.name}</TableCell>
              <TableCell align="right" className="tabular-nums">
                {number.format(team.counts.users)}
              </TableCell>
              <TableCell align="right" className="tabular-nums">
                {number.format(team.counts.organisations)}
              </TableCell>
              <TableCell align="right" className="tabular-nums">
                {number.format(team.counts.people)}
              </TableCell>
              <TableCell className="hidden whitespace-nowrap md:table-cell">
                <FormattedDate value={team.createdAt} />
              </TableCell>
              <TableCell align="right">
                <div className="flex justify-end gap-1">
                  <Button
                    variant="ghost"
                    size="icon"
                    className="size-8"
                    aria-label={t('admin.teams.renameAction', { name: team.name })}
                    title={t('admin.teams.rename')}
                    onClick={() => setDialog({ kind: 'rename', team })}
                  >
                    <Pencil aria-hidden className="size-4" />
                  </Button>
                  <Button
                    variant="ghost"
                    size="icon"
                    className="size-8"
                    aria-label={t('admin.teams.deleteAction', { name: team.name })}
                    title={t('admin.teams.delete')}
                    onClick={() => setDialog({ kind: 'delete', team })}
                  >
                    <Trash2 aria-hidden className="size-4" />
                  </Button>
                </div>
              </TableCell>
            </TableRow>
          ))}
        </TeamsTable>
      )}

      {dialog?.kind === 'create' && <TeamFormDialog onClose={closeDialog} />}
      {dialog?.kind === 'rename' && <TeamFormDialog team={dialog.team} onClose={closeDialog} />}
      {dialog?.kind === 'delete' && <TeamDeleteDialog team={dialog.team} onClose={closeDialog} />}
    </section>
  )
}

function TeamsTable({ children }: { children: ReactNode }) {
  const { t } = useTranslation()
  return (
    <Table data-testid="teams-table">
      <TableHead>
        <tr>
          <TableHeaderCell>{t('admin.teams.columns.name')}</TableHeaderCell>
          <TableHeaderCell align="right">{t('admin.teams.columns.users')}</TableHeaderCell>
          <TableHeaderCell align="right">{t('admin.teams.columns.organisations')}</TableHeaderCell>
          <TableHeaderCell align="right">{t('admin.teams.columns.people')}</TableHeaderCell>
          <TableHeaderCell className="hidden md:table-cell">{t('admin.teams.columns.createdAt')}</TableHeaderCell>
          <TableHeaderCell align="right">
            <span className="sr-only">{t('admin.teams.columns.actions')}</span>
          </TableHeaderCell>
        </tr>
      </TableHead>
      <TableBody>{children}</TableBody>
    </Table>
  )
}
