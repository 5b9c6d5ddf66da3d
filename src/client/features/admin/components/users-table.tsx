import { KeyRound, LogOut, Pencil } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { Avatar } from '../../../components/ui/avatar.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { FormattedDate } from '../../../components/ui/formatted-date.tsx'
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from '../../../components/ui/table.tsx'
import { cn } from '../../../lib/cn.ts'
import type { RouterOutputs } from '../../../lib/trpc.ts'
import type { Viewer } from '../../auth/viewer.ts'
import { canManageUser } from '../roles.ts'
import { ActiveStatus, RoleBadge } from './role-badge.tsx'

export type AdminUser = RouterOutputs['users']['list']['items'][number]

interface UsersTableProps {
  users: readonly AdminUser[]
  viewer: Viewer
  onEdit: (user: AdminUser) => void
  onResetPassword: (user: AdminUser) => void
  /** Signs the user out everywhere (every session and live connection). */
  onEndSessions: (user: AdminUser) => void
  /** The user whose sessions are being ended, if any. */
  endingSessionsOf?: string
}

export function UsersTable({ users, viewer, onEdit, onResetPassword, onEndSessions, endingSessionsOf }: UsersTableProps) {
  const { t } = useTranslation()
  return (
    <Table data-testid="users-table">
      <UsersTableHead />
      <TableBody>
        {users.map((user) => {
          const manageable = canManageUser(viewer, user)
          return (
            <TableRow key={user.id} data-testid="user-row" className={cn(!user.isActive && 'bg-zinc-50/60 dark:bg-zinc-950/30')}>
              <TableCell>
                <div className="flex min-w-0 items-center gap-3">
                  {/* Not faded for an inactive user: white initials must keep 4.5:1 (the row and its badge say it). */}
                  <Avatar name={user.name} />
                  <div className="min-w-0">
                    <p className="truncate font-medium text-zinc-900 dark:text-white">
                      {user.name}
                      {user.id === viewer.id && (
                        <span className="ml-1.5 text-xs font-normal text-zinc-500 dark:text-zinc-400">
                          {t('admin.users.you')}
                        </span>
                      )}
                    </p>
                    <p className="truncate text-xs text-zinc-500 dark:text-zinc-400">{user.email}</p>
                  </div>
                </div>
              </TableCell>
              <TableCell>
                <RoleBadge role={user.role} />
              </TableCell>
              <TableCell className="hidden whitespace-nowrap sm:table-cell">{user.team?.name ?? '—'}</TableCell>
              <TableCell>
                <ActiveStatus active={user.isActive} />
              </TableCell>
              <TableCell className="hidden whitespace-nowrap lg:table-cell">
                <FormattedDate value={user.createdAt} />
              </TableCell>
              <TableCell align="right">
                {manageable ? (
                  <div className="flex justify-end gap-1">
                    <Button
                      variant="ghost"
                      size="icon"
                      className="size-8"
                      aria-label={t('admin.users.editAction', { name: user.name })}
                      title={t('admin.users.edit')}
                      onClick={() => onEdit(user)}
                    >
                      <Pencil aria-hidden className="size-4" />
                    </Button>
                    <Button
                      variant="ghost"
                      size="icon"
                      className="size-8"
                      aria-label={t('admin.users.resetPasswordAction', { name: user.name })}
                      title={t('admin.users.resetPassword')}
                      onClick={() => onResetPassword(user)}
                    >
                      <KeyRound aria-hidden className="size-4" />
                    </Button>
                    {user.id !== viewer.id && (
                      <Button
                        variant="ghost"
                        size="icon"
                        className="size-8"
                        aria-label={t('admin.users.endSessionsAction', { name: user.name })}
                        title={t('admin.users.endSessions')}
                        disabled={endingSessionsOf === user.id}
                        onClick={() => onEndSessions(user)}
                      >
                        <LogOut aria-hidden className="size-4" />
                      </Button>
                    )}
                  </div>
                ) : (
                  <span className="text-xs text-zinc-500 dark:text-zinc-400" title={t('admin.users.notManageable')}>
                    {t('admin.users.readOnly')}
                  </span>
                )}
              </TableCell>
            </TableRow>
          )
        })}
      </TableBody>
    </Table>
  )
}

function UsersTableHead() {
  const { t } = useTranslation()
  return (
    <TableHead>
      <tr>
        <TableHeaderCell>{t('admin.users.columns.nameAndEmail')}</TableHeaderCell>
        <TableHeaderCell>{t('admin.users.columns.role')}</TableHeaderCell>
        <TableHeaderCell className="hidden sm:table-cell">{t('admin.users.columns.team')}</TableHeaderCell>
        <TableHeaderCell>{t('admin.users.columns.status')}</TableHeaderCell>
        <TableHeaderCell className="hidden lg:table-cell">{t('admin.users.columns.createdAt')}</TableHeaderCell>
        <TableHeaderCell align="right">
          <span className="sr-only">{t('admin.users.columns.actions')}</span>
        </TableHeaderCell>
      </tr>
    </TableHead>
  )
}
