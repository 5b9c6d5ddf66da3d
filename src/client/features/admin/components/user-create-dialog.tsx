import { useState, type FormEvent } from 'react'
import { useMutation } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { seesAllTeams, type Role } from '../../../../shared/permissions.ts'
import { MIN_PASSWORD_LENGTH, userCreateInput } from '../../../../shared/schemas/user.ts'
import { RecordFormDialog } from '../../../components/record-form/record-form-dialog.tsx'
import { TextField } from '../../../components/ui/text-field.tsx'
import { errorKind } from '../../../lib/errors.ts'
import { useTRPC } from '../../../lib/trpc.ts'
import { useRefreshAdminLists } from '../hooks/use-refresh-admin-lists.ts'
import type { Viewer } from '../../auth/viewer.ts'
import { firstInvalidField, requestErrorMessage } from '../form-errors.ts'
import { serverFieldErrors, validateForm, type FormErrors } from '../../../lib/forms.ts'
import { grantableRoles } from '../roles.ts'
import { PasswordField } from './password-field.tsx'
import { RoleSelect, TeamSelect } from './user-fields.tsx'

const FIELD_ORDER = ['name', 'email', 'password', 'role', 'teamId'] as const

interface UserCreateDialogProps {
  viewer: Viewer
  teams: readonly { id: string; name: string }[]
  defaultTeamId?: string
  onClose: () => void
}

export function UserCreateDialog({ viewer, teams, defaultTeamId, onClose }: UserCreateDialogProps) {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const refreshLists = useRefreshAdminLists()
  const choosesTeam = seesAllTeams(viewer.role)
  const roles = grantableRoles(viewer.role)
  const [role, setRole] = useState<Role>('SALES')
  const [teamId, setTeamId] = useState(defaultTeamId ?? viewer.teamId ?? teams[0]?.id ?? '')
  const [errors, setErrors] = useState<FormErrors>({})

  const create = useMutation(
    trpc.users.create.mutationOptions({
      onSuccess: async () => {
        await refreshLists()
        onClose()
      },
      onError: (error) => {
        setErrors(
          errorKind(error) === 'conflict' ? { email: [t('admin.users.errors.emailTaken')] } : serverFieldErrors(error),
        )
      },
    }),
  )

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const form = new FormData(event.currentTarget)
    const result = validateForm(
      userCreateInput,
      {
        name: form.get('name'),
        email: form.get('email'),
        password: form.get('password'),
        role,
        teamId: choosesTeam ? teamId || undefined : undefined,
      }
    )
    if (!result.success) {
      setErrors(result.errors)
      firstInvalidField(event.currentTarget, result.errors, FIELD_ORDER)
      return
    }
    setErrors({})
    create.mutate(result.data)
  }

  // The email conflict is shown on its field; anything else without a field gets the banner.
  const bannerError =
    create.error && errorKind(create.error) !== 'conflict' && !Object.keys(errors).length
      ? requestErrorMessage(create.error, t)
      : null

  return (
    <RecordFormDialog
      title={t('admin.users.createTitle')}
      description={choosesTeam ? t('admin.users.createText') : t('admin.users.createTextManager', { team: viewer.teamName })}
      cancelLabel={t('admin.dialog.cancel')}
      closeLabel={t('admin.dialog.close')}
      submitLabel={t('admin.users.createSubmit')}
      pending={create.isPending}
      onClose={onClose}
      onSubmit={onSubmit}
      error={bannerError ? { message: bannerError, conflict: false } : null}
      data-testid="user-create-dialog"
    >
      <TextField label={t('admin.users.fields.name')} name="name" autoComplete="off" errors={errors.name} data-autofocus />
      <TextField
        label={t('admin.users.fields.email')}
        name="email"
        type="email"
        inputMode="email"
        autoComplete="off"
        errors={errors.email}
      />
      <PasswordField
        name="password"
        label={t('admin.users.fields.password')}
        hint={t('admin.password.hint', { count: MIN_PASSWORD_LENGTH })}
        errors={errors.password}
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <RoleSelect roles={roles} value={role} onChange={setRole} errors={errors.role} />
        <TeamSelect
          teams={teams}
          choosesTeam={choosesTeam}
          value={teamId}
          onChange={setTeamId}
          fixed={{ id: viewer.teamId, name: viewer.teamName }}
          errors={errors.teamId}
        />
      </div>
      {!choosesTeam && <p className="text-xs text-zinc-500 dark:text-zinc-400">{t('admin.users.managerLimits')}</p>}
    </RecordFormDialog>
  )
}
