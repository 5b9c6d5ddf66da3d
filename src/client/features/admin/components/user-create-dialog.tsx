import { useId, useState, type FormEvent } from 'react'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { seesAllTeams, type Role } from '../../../../shared/permissions.ts'
import { MIN_PASSWORD_LENGTH, userCreateInput } from '../../../../shared/schemas/user.ts'
import { Alert } from '../../../components/ui/alert.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { Dialog } from '../../../components/ui/dialog.tsx'
import { SelectField } from '../../../components/ui/select.tsx'
import { TextField } from '../../../components/ui/text-field.tsx'
import { errorKind } from '../../../lib/errors.ts'
import { useTRPC } from '../../../lib/trpc.ts'
import type { Viewer } from '../../auth/viewer.ts'
import { firstInvalidField, requestErrorMessage, serverFieldErrors, validateForm, type FormErrors } from '../form-errors.ts'
import { grantableRoles } from '../roles.ts'
import { PasswordField } from './password-field.tsx'

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
  const queryClient = useQueryClient()
  const formId = useId()
  const choosesTeam = seesAllTeams(viewer.role)
  const roles = grantableRoles(viewer.role)
  const [role, setRole] = useState<Role>('SALES')
  const [teamId, setTeamId] = useState(defaultTeamId ?? viewer.teamId ?? teams[0]?.id ?? '')
  const [errors, setErrors] = useState<FormErrors>({})

  const create = useMutation(
    trpc.users.create.mutationOptions({
      onSuccess: async () => {
        await Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.users.list.pathKey() }),
          queryClient.invalidateQueries({ queryKey: trpc.teams.list.pathKey() }),
        ])
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
      },
      {
        required: t('common.required'),
        translate: (issue) =>
          issue.code === 'too_small' && issue.path[0] === 'password'
            ? t('admin.password.tooShort', { count: MIN_PASSWORD_LENGTH })
            : undefined,
      },
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
    <Dialog
      open
      onClose={onClose}
      title={t('admin.users.createTitle')}
      description={choosesTeam ? t('admin.users.createText') : t('admin.users.createTextManager', { team: viewer.teamName })}
      closeLabel={t('admin.dialog.close')}
      dismissible={!create.isPending}
      data-testid="user-create-dialog"
      footer={
        <>
          <Button variant="secondary" onClick={onClose} disabled={create.isPending}>
            {t('admin.dialog.cancel')}
          </Button>
          <Button type="submit" form={formId} loading={create.isPending}>
            {t('admin.users.createSubmit')}
          </Button>
        </>
      }
    >
      <form id={formId} noValidate onSubmit={onSubmit} className="space-y-4">
        {bannerError && <Alert tone="error">{bannerError}</Alert>}
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
          <SelectField
            label={t('admin.users.fields.role')}
            name="role"
            value={role}
            onChange={(event) => setRole(event.currentTarget.value as Role)}
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
            value={choosesTeam ? teamId : (viewer.teamId ?? '')}
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
              <option value={viewer.teamId ?? ''}>{viewer.teamName}</option>
            )}
          </SelectField>
        </div>
        {!choosesTeam && <p className="text-xs text-zinc-500 dark:text-zinc-400">{t('admin.users.managerLimits')}</p>}
      </form>
    </Dialog>
  )
}
