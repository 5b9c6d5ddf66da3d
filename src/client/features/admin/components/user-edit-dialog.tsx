import { useState, type FormEvent } from 'react'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { seesAllTeams, type Role } from '../../../../shared/permissions.ts'
import { userUpdateInput, type UserUpdateInput } from '../../../../shared/schemas/user.ts'
import { Alert } from '../../../components/ui/alert.tsx'
import { RecordFormDialog } from '../../../components/record-form/record-form-dialog.tsx'
import { CheckboxField } from '../../../components/ui/checkbox.tsx'
import { TextField } from '../../../components/ui/text-field.tsx'
import { errorKind } from '../../../lib/errors.ts'
import { useTRPC } from '../../../lib/trpc.ts'
import { useRefreshAdminLists } from '../hooks/use-refresh-admin-lists.ts'
import type { Viewer } from '../../auth/viewer.ts'
import { errorDetails, firstInvalidField, requestErrorMessage } from '../form-errors.ts'
import { serverFieldErrors, validateForm, type FormErrors } from '../../../lib/forms.ts'
import { grantableRoles } from '../roles.ts'
import { RoleSelect, TeamSelect } from './user-fields.tsx'
import type { AdminUser } from './users-table.tsx'

interface UserEditDialogProps {
  user: AdminUser
  viewer: Viewer
  teams: readonly { id: string; name: string }[]
  onClose: () => void
}

export function UserEditDialog({ user, viewer, teams, onClose }: UserEditDialogProps) {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const refreshLists = useRefreshAdminLists()
  const self = user.id === viewer.id
  const choosesTeam = seesAllTeams(viewer.role)
  // The user's own role stays listed so the select never shows a value it does not offer.
  const roles = [...new Set<Role>([...grantableRoles(viewer.role), user.role])]
  const [role, setRole] = useState<Role>(user.role)
  const [teamId, setTeamId] = useState(user.teamId ?? '')
  const [isActive, setIsActive] = useState(user.isActive)
  const [version, setVersion] = useState(user.version)
  const [errors, setErrors] = useState<FormErrors>({})

  const update = useMutation(
    trpc.users.update.mutationOptions({
      onSuccess: async () => {
        await refreshLists()
        onClose()
      },
      onError: (error) => {
        setErrors(serverFieldErrors(error))
        // Saving again applies these choices over the other person's change, knowingly.
        const current = errorDetails(error).current as { version?: unknown } | undefined
        if (errorKind(error) === 'conflict' && typeof current?.version === 'number') setVersion(current.version)
        void queryClient.invalidateQueries({ queryKey: trpc.users.list.pathKey() })
      },
    }),
  )

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const name = String(new FormData(event.currentTarget).get('name') ?? '')
    const data: UserUpdateInput['data'] = {}
    if (name.trim() !== user.name) data.name = name
    if (role !== user.role) data.role = role
    if (choosesTeam && teamId && teamId !== user.teamId) data.teamId = teamId
    if (isActive !== user.isActive) data.isActive = isActive
    if (!Object.keys(data).length) return onClose()

    const result = validateForm(userUpdateInput, { id: user.id, version, data })
    if (!result.success) {
      setErrors(result.errors)
      firstInvalidField(event.currentTarget, result.errors, ['name'])
      return
    }
    setErrors({})
    update.mutate(result.data)
  }

  const kind = update.error ? errorKind(update.error) : null
  const bannerError =
    kind === 'conflict'
      ? t('admin.users.errors.stale')
      : update.error && !Object.keys(errors).length
        ? requestErrorMessage(update.error, t)
        : null

  return (
    <RecordFormDialog
      title={t('admin.users.editTitle', { name: user.name })}
      description={user.email}
      cancelLabel={t('admin.dialog.cancel')}
      closeLabel={t('admin.dialog.close')}
      submitLabel={t('admin.dialog.save')}
      pending={update.isPending}
      onClose={onClose}
      onSubmit={onSubmit}
      error={bannerError ? { message: bannerError, conflict: kind === 'conflict' } : null}
      data-testid="user-edit-dialog"
    >
      <TextField
        label={t('admin.users.fields.name')}
        name="name"
        defaultValue={user.name}
        autoComplete="off"
        errors={errors.name}
        data-autofocus
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <RoleSelect roles={roles} value={role} onChange={setRole} disabled={self} errors={errors.role} />
        <TeamSelect
          teams={teams}
          choosesTeam={choosesTeam}
          value={teamId}
          onChange={setTeamId}
          fixed={{ id: user.teamId, name: user.team?.name }}
          errors={errors.teamId}
        />
      </div>
      <CheckboxField
        label={t('admin.users.fields.isActive')}
        description={self ? t('admin.users.selfLocked') : t('admin.users.isActiveHint')}
        checked={isActive}
        onChange={(event) => setIsActive(event.currentTarget.checked)}
        disabled={self}
      />
      {!choosesTeam && !self && (
        <p className="text-xs text-zinc-500 dark:text-zinc-400">{t('admin.users.managerLimits')}</p>
      )}
      {(errors.isActive ?? errors.data) && (
        <Alert tone="error">{(errors.isActive ?? errors.data)?.join(' ')}</Alert>
      )}
    </RecordFormDialog>
  )
}
