import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import { FormattedDate } from '../../../components/ui/formatted-date.tsx'
import type { RouterOutputs } from '../../../lib/trpc.ts'
import type { Role } from '../../../../shared/permissions.ts'

export type AuditEntry = RouterOutputs['security']['audit']['items'][number]

/** Security events as a list: what, to whom, by whom, when, from where. `showUser` for the admins' trail. */
export function AuditEntries({ entries, showUser }: { entries: readonly AuditEntry[]; showUser: boolean }) {
  const { t } = useTranslation()
  return (
    <ul className="divide-y divide-zinc-200 rounded-lg border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800" data-testid="audit-entries">
      {entries.map((entry) => (
        <li key={entry.id} className="flex flex-wrap items-baseline gap-x-4 gap-y-1 p-3 text-sm" data-testid="audit-entry" data-action={entry.action}>
          <span className="w-36 shrink-0 text-xs text-zinc-600 tabular-nums dark:text-zinc-400">
            <FormattedDate value={entry.createdAt} format="dateTime" />
          </span>
          <div className="min-w-0 flex-1">
            <p className="font-medium text-zinc-900 dark:text-white">{t(`security.audit.actions.${entry.action}`)}</p>
            <p className="text-xs text-zinc-600 dark:text-zinc-400">
              {[
                showUser && (entry.user ? `${entry.user.name} <${entry.user.email}>` : entry.email ? t('security.audit.unknownAccount', { email: entry.email }) : null),
                entry.actor && t('security.audit.by', { name: entry.actor.name }),
                entry.device,
                entry.ip && t('security.sessions.address', { ip: entry.ip }),
                detailText(entry, t),
              ]
                .filter(Boolean)
                .join(' · ')}
            </p>
          </div>
        </li>
      ))}
    </ul>
  )
}

/** The one detail worth a line for some kinds (the role given, the list exported, the webhook's address). */
function detailText(entry: AuditEntry, t: TFunction): string | null {
  const details = entry.details as Record<string, unknown>
  const changes = details.changes as Record<string, { from: unknown; to: unknown }> | undefined
  if (entry.action === 'role_changed' && changes?.role) {
    return t('security.audit.roleChange', { from: t(`roles.${String(changes.role.from) as Role}`), to: t(`roles.${String(changes.role.to) as Role}`) })
  }
  if (entry.action === 'data_exported') return t('security.audit.exported', { file: String(details.fileName ?? ''), count: Number(details.rowCount ?? 0) })
  if (typeof details.url === 'string') return details.url
  if (typeof details.name === 'string' && entry.action.startsWith('api_token')) return String(details.name)
  return null
}
