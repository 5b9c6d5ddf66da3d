import { Ban } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { Button } from '../../../components/ui/button.tsx'
import { FormattedDate } from '../../../components/ui/formatted-date.tsx'
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from '../../../components/ui/table.tsx'
import { cn } from '../../../lib/cn.ts'
import { tokenStatus, type ApiToken } from '../token-status.ts'
import { ScopeBadge, TokenStatusBadge } from './token-badges.tsx'

interface ApiTokenTableProps {
  tokens: readonly ApiToken[]
  onRevoke: (token: ApiToken) => void
}

export function ApiTokenTable({ tokens, onRevoke }: ApiTokenTableProps) {
  const { t } = useTranslation()
  const now = new Date()
  const never = <span className="text-zinc-500 dark:text-zinc-400">{t('admin.tokens.never')}</span>

  return (
    <Table data-testid="api-token-table">
      <TableHead>
        <tr>
          <TableHeaderCell>{t('admin.tokens.columns.name')}</TableHeaderCell>
          <TableHeaderCell>{t('admin.tokens.columns.scope')}</TableHeaderCell>
          <TableHeaderCell className="hidden md:table-cell">{t('admin.tokens.columns.lastUsedAt')}</TableHeaderCell>
          <TableHeaderCell className="hidden sm:table-cell">{t('admin.tokens.columns.expiresAt')}</TableHeaderCell>
          <TableHeaderCell>{t('admin.tokens.columns.status')}</TableHeaderCell>
          <TableHeaderCell align="right">
            <span className="sr-only">{t('admin.tokens.columns.actions')}</span>
          </TableHeaderCell>
        </tr>
      </TableHead>
      <TableBody>
        {tokens.map((token) => {
          const status = tokenStatus(token, now)
          return (
            <TableRow key={token.id} data-testid="api-token-row" className={cn(status !== 'active' && 'bg-zinc-50/60 dark:bg-zinc-950/30')}>
              <TableCell className="min-w-48">
                <p className="font-medium text-zinc-900 dark:text-white">{token.name}</p>
                <p className="mt-0.5 text-xs text-zinc-500 dark:text-zinc-400">
                  <code data-testid="token-prefix">{token.prefix}…</code>
                  <span aria-hidden> · </span>
                  <span className="whitespace-nowrap">
                    {t('admin.tokens.createdOn')} <FormattedDate value={token.createdAt} />
                  </span>
                </p>
              </TableCell>
              <TableCell>
                <ScopeBadge scope={token.scope} />
              </TableCell>
              <TableCell className="hidden whitespace-nowrap md:table-cell">
                {token.lastUsedAt ? <FormattedDate value={token.lastUsedAt} format="dateTime" /> : never}
              </TableCell>
              <TableCell className="hidden whitespace-nowrap sm:table-cell">
                {token.expiresAt ? <FormattedDate value={token.expiresAt} /> : never}
              </TableCell>
              <TableCell>
                <TokenStatusBadge status={status} />
                {token.revokedAt && (
                  <p className="mt-1 text-xs whitespace-nowrap text-zinc-500 dark:text-zinc-400">
                    <FormattedDate value={token.revokedAt} format="dateTime" />
                  </p>
                )}
              </TableCell>
              <TableCell align="right">
                {status !== 'revoked' && (
                  <Button
                    variant="secondary"
                    size="sm"
                    aria-label={t('admin.tokens.revokeAction', { name: token.name })}
                    onClick={() => onRevoke(token)}
                  >
                    <Ban aria-hidden className="size-4" />
                    {t('admin.tokens.revoke')}
                  </Button>
                )}
              </TableCell>
            </TableRow>
          )
        })}
      </TableBody>
    </Table>
  )
}
