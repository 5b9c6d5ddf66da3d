import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { SelectField } from '../../../components/ui/select.tsx'
import { useTRPC } from '../../../lib/trpc.ts'

interface AssigneeSelectProps {
  /** Only members of the task's team may be assigned. */
  teamId: string | undefined
  value: string
  onChange: (assigneeId: string) => void
  errors?: string[]
}

/** The active members of the team (users.list); a team is small enough for a plain select. */
export function AssigneeSelect({ teamId, value, onChange, errors }: AssigneeSelectProps) {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const members = useQuery(trpc.users.list.queryOptions({ teamId, isActive: true, limit: 200 }))
  const users = members.data?.items ?? []
  // A former member still assigned stays visible rather than silently unassigned.
  const unknownCurrent = value && members.isSuccess && !users.some((user) => user.id === value)

  return (
    <SelectField
      label={t('task.form.assignee')}
      name="assigneeId"
      value={value}
      onChange={(event) => onChange(event.target.value)}
      errors={errors ?? (members.isError ? [t('task.form.assigneesLoadError')] : undefined)}
      disabled={members.isPending}
    >
      <option value="">{members.isPending ? t('common.loading') : t('task.form.unassigned')}</option>
      {unknownCurrent && <option value={value}>{t('task.form.formerMember')}</option>}
      {users.map((user) => (
        <option key={user.id} value={user.id}>
          {user.name}
        </option>
      ))}
    </SelectField>
  )
}
