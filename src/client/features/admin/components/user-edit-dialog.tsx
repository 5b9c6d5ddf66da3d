import { useId, useState, type FormEvent } from 'react'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { seesAllTeams, type Role } from '../../../../shared/permissions.ts'
import { userUpdateInput, type UserUpdateInput } from '../../../../shared/schemas/user.ts'
import { Alert } from '../../../components/ui/alert.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { CheckboxField } from '../../../components/ui/checkbox.tsx'
import { Dialog } from '../../../components/ui/dialog.tsx'
import { SelectField } from '../../../components/ui/select.tsx'
import { TextField } from '../../../components/ui/text-field.tsx'
import { errorKind } from '../../../lib/errors.ts'
import { useTRPC } from '../../../lib/trpc.ts'
import type { Viewer } from '../../auth/viewer.ts'
import { errorDetails, firstInvalidField, requestErrorMessage, serverFieldErrors, validateForm, type FormErrors } from '../form-errors.ts'
import { grantableRoles } from '../roles.ts'
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
  const formId = useId()
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
        await Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.users.list.pathKey() }),
          queryClient.invalidateQueries({ queryKey: trpc.teams.list.pathKey() }),
        ])
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

    const result = validateForm(userUpdateInput, { id: user.id, version, data }, { required: t('common.required') })
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
    <Dialog
      open
      onClose={onClose}
      title={t('admin.users.editTitle', { name: user.name })}
      description={user.email}
      closeLabel={t('admin.dialog.close')}
      dismissible={!update.isPending}
      data-testid="user-edit-dialog"
      footer={
        <>
          <Button variant="secondary" onClick={onClose} disabled={update.isPending}>
            {t('admin.dialog.cancel')}
          </Button>
          <Button type="submit" form={formId} loading={update.isPending}>
            {t('admin.dialog.save')}
          </Button>
        </>
      }
    >
      <form id={formId} noValidate onSubmit={onSubmit} className="space-y-4">
        {bannerError && <Alert tone={kind === 'conflict' ? 'warning' : 'error'}>{bannerError}</Alert>}
        <TextField
          label={t('admin.users.fields.name')}
          name="name"
          defaultValue={user.name}
          autoComplete="off"
          errors={errors.name}
          data-autofocus
        />
        <div className="grid gap-4 sm:grid-cols-2">
          <SelectField
            label={t('admin.users.fields.role')}
            name="role"
            value={role}
            onChange={(event) => setRole(event.currentTarget.value as Role)}
            disabled={self}
            errors={errors.role}
          >
            {roles.map((option) => (
              <option key={option} value={option}>
                {t(`roles.${option}`)}
              </option>
            ))}
          </SelectField>
          <SelectField
            label={t('admin.users.fields.team')}
            name="teamId"
            value={teamId}
            onChange={(event) => setTeamId(event.currentTarget.value)}
            disabled={!choosesTeam}
            errors={errors.teamId}
          >
            {choosesTeam ? (
              teams.map((team) => (
                <option key={team.id} value={team.id}>
                  {team.name}
                </option>
              ))
            ) : (
              <option value={user.teamId ?? ''}>{user.team?.name ?? '—'}</option>
            )}
          </SelectField>
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
      </form>
    </Dialog>
  )
}
