import { useState, type FormEvent } from 'react'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { Check } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { USER_COLORS, userColor } from '../../../../shared/realtime/collaboration.ts'
import { profileInput } from '../../../../shared/schemas/settings.ts'
import { Alert } from '../../../components/ui/alert.tsx'
import { Avatar } from '../../../components/ui/avatar.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '../../../components/ui/card.tsx'
import { TextField } from '../../../components/ui/text-field.tsx'
import { showToast } from '../../../components/ui/toast.tsx'
import { cn } from '../../../lib/cn.ts'
import { serverFieldErrors, validateForm, type FormErrors } from '../../../lib/forms.ts'
import { useTRPC } from '../../../lib/trpc.ts'
import type { Viewer } from '../../auth/viewer.ts'

/** The name others see and the colour of the user's initials, with a live preview. */
export function ProfileCard({ profile }: { profile: Viewer }) {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const [name, setName] = useState(profile.name)
  const [color, setColor] = useState<string | null>(profile.avatarColor)
  const [errors, setErrors] = useState<FormErrors>({})
  const save = useMutation(
    trpc.settings.updateProfile.mutationOptions({
      onSuccess: async (viewer) => {
        queryClient.setQueryData(trpc.auth.me.queryKey(), viewer)
        await queryClient.invalidateQueries(trpc.settings.get.queryFilter())
        showToast({ message: t('settings.profile.saved') })
      },
      onError: (error) => setErrors(serverFieldErrors(error)),
    }),
  )
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const result = validateForm(profileInput, { name, avatarColor: color })
    setErrors(result.success ? {} : result.errors)
    if (result.success) save.mutate(result.data)
  }
  const shown = userColor(profile.id, color)

  return (
    <Card data-testid="settings-profile">
      <CardHeader>
        <CardTitle>{t('settings.profile.title')}</CardTitle>
        <CardDescription>{t('settings.profile.text')}</CardDescription>
      </CardHeader>
      <CardContent>
        <form noValidate onSubmit={onSubmit} className="space-y-5">
          {save.isError && Object.keys(serverFieldErrors(save.error)).length === 0 && (
            <Alert tone="error">{t('settings.saveFailed')}</Alert>
          )}
          <div className="flex items-center gap-4">
            <Avatar name={name || profile.name} color={shown} className="size-14 text-lg" />
            <p className="min-w-0 text-sm text-zinc-600 dark:text-zinc-400">
              <span className="sr-only">{t('settings.profile.preview')} : </span>
              <span className="block truncate font-medium text-zinc-900 dark:text-white">{name || profile.name}</span>
              <span className="block truncate">{profile.email}</span>
            </p>
          </div>
          <TextField
            label={t('settings.profile.name')}
            name="name"
            value={name}
            maxLength={100}
            autoComplete="name"
            errors={errors.name}
            onChange={(event) => {
              const value = event.currentTarget.value
              setName(value)
              // Told as the user types, once the field has been found wrong.
              if (errors.name) {
                const check = validateForm(profileInput.pick({ name: true }), { name: value })
                setErrors((current) => ({ ...current, name: check.success ? undefined : check.errors.name }))
              }
            }}
          />
          <fieldset>
            <legend className="text-sm font-medium text-zinc-800 dark:text-zinc-200">{t('settings.profile.color')}</legend>
            <div className="mt-2 flex flex-wrap gap-2" data-testid="avatar-colors">
              <ColorOption
                label={t('settings.profile.colorAuto')}
                checked={color === null}
                onSelect={() => setColor(null)}
                swatch={userColor(profile.id)}
                text={t('settings.profile.colorAuto')}
              />
              {USER_COLORS.map((option, index) => (
                <ColorOption
                  key={option}
                  label={t('settings.profile.colorOption', { index: index + 1 })}
                  checked={color === option}
                  onSelect={() => setColor(option)}
                  swatch={option}
                />
              ))}
            </div>
            {errors.avatarColor && <p className="mt-1.5 text-sm text-red-700 dark:text-red-300">{errors.avatarColor[0]}</p>}
          </fieldset>
          <div className="flex justify-end">
            <Button type="submit" loading={save.isPending}>
              {t('settings.profile.save')}
            </Button>
          </div>
        </form>
      </CardContent>
    </Card>
  )
}

function ColorOption({
  label,
  checked,
  onSelect,
  swatch,
  text,
}: {
  label: string
  checked: boolean
  onSelect: () => void
  swatch: string
  text?: string
}) {
  return (
    <label
      className={cn(
        'relative flex h-9 cursor-pointer items-center gap-2 rounded-full border border-zinc-300 p-1 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-indigo-500 dark:border-zinc-700',
        checked && 'border-zinc-900 ring-1 ring-zinc-900 dark:border-white dark:ring-white',
        text && 'pr-3',
      )}
    >
      <input type="radio" name="avatarColor" className="absolute inset-0 size-full cursor-pointer appearance-none rounded-full opacity-0" checked={checked} onChange={onSelect} aria-label={text ? undefined : label} />
      <span aria-hidden className="flex size-7 items-center justify-center rounded-full text-white" style={{ backgroundColor: swatch }}>
        {checked && <Check className="size-4" />}
      </span>
      {text && <span className="text-sm text-zinc-800 dark:text-zinc-200">{text}</span>}
    </label>
  )
}
