import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Button } from '../../../components/ui/button.tsx'
import { Dialog } from '../../../components/ui/dialog.tsx'
import { StatusBadge } from '../../../components/ui/status-badge.tsx'
import { cn } from '../../../lib/cn.ts'
import { normalizedValue, sameValue, type FormField, type OrganisationFormValues } from '../form.ts'
import { useFormatters } from '../format.ts'
import type { OwnerOption } from './organisation-form-fields.tsx'

export type ConflictChoice = 'mine' | 'theirs'

interface OrganisationConflictDialogProps {
  name: string
  /** The fields this user changed whose value now differs from what is stored. */
  fields: readonly FormField[]
  /** What the user started editing from, to tell which fields the other person changed too. */
  original: OrganisationFormValues
  mine: OrganisationFormValues
  theirs: OrganisationFormValues
  owners: readonly OwnerOption[]
  onResolve: (choices: Record<FormField, ConflictChoice>) => void
  onBackToEdit: () => void
}

/** Both versions of every disputed field, side by side; nothing is saved until the user chooses. */
export function OrganisationConflictDialog({
  name,
  fields,
  original,
  mine,
  theirs,
  owners,
  onResolve,
  onBackToEdit,
}: OrganisationConflictDialogProps) {
  const { t } = useTranslation()
  const describe = useValueDescriber(owners)
  const [choices, setChoices] = useState(
    () => Object.fromEntries(fields.map((field) => [field, 'mine'])) as Record<FormField, ConflictChoice>,
  )
  const chooseAll = (choice: ConflictChoice) =>
    setChoices(Object.fromEntries(fields.map((field) => [field, choice])) as Record<FormField, ConflictChoice>)

  return (
    <Dialog
      open
      onClose={onBackToEdit}
      role="alertdialog"
      size="lg"
      title={t('organisation.conflict.title')}
      description={t('organisation.conflict.description', { name })}
      data-testid="organisation-conflict-dialog"
      footer={
        <>
          <Button variant="secondary" onClick={onBackToEdit}>
            {t('organisation.conflict.backToEdit')}
          </Button>
          <Button onClick={() => onResolve(choices)} data-autofocus>
            {t('organisation.conflict.apply')}
          </Button>
        </>
      }
    >
      <div className="space-y-4">
        {fields.length > 1 && (
          <div className="flex flex-wrap justify-end gap-2">
            <Button variant="ghost" size="sm" onClick={() => chooseAll('mine')}>
              {t('organisation.conflict.keepAllMine')}
            </Button>
            <Button variant="ghost" size="sm" onClick={() => chooseAll('theirs')}>
              {t('organisation.conflict.takeAllTheirs')}
            </Button>
          </div>
        )}
        {fields.map((field) => {
          const theirValue = normalizedValue(field, theirs)
          const changedByThem = !sameValue(normalizedValue(field, original), theirValue)
          return (
            <fieldset
              key={field}
              className="rounded-lg border border-zinc-200 p-3 dark:border-zinc-800"
              data-testid={`conflict-${field}`}
            >
              <legend className="flex items-center gap-2 px-1 text-sm font-semibold text-zinc-900 dark:text-white">
                {t(`organisation.fields.${field}`)}
                {changedByThem && <StatusBadge tone="warning">{t('organisation.conflict.changedByThem')}</StatusBadge>}
              </legend>
              <div className="mt-1 grid gap-2 sm:grid-cols-2">
                <ChoiceOption
                  name={field}
                  checked={choices[field] === 'mine'}
                  onChoose={() => setChoices((current) => ({ ...current, [field]: 'mine' }))}
                  heading={t('organisation.conflict.yours')}
                  action={t('organisation.conflict.keepMine')}
                  value={describe(field, normalizedValue(field, mine))}
                  testId={`conflict-${field}-mine`}
                />
                <ChoiceOption
                  name={field}
                  checked={choices[field] === 'theirs'}
                  onChoose={() => setChoices((current) => ({ ...current, [field]: 'theirs' }))}
                  heading={t('organisation.conflict.theirs')}
                  action={t('organisation.conflict.takeTheirs')}
                  value={describe(field, theirValue)}
                  testId={`conflict-${field}-theirs`}
                />
              </div>
            </fieldset>
          )
        })}
      </div>
    </Dialog>
  )
}

interface ChoiceOptionProps {
  name: string
  checked: boolean
  onChoose: () => void
  heading: string
  action: string
  value: string
  testId: string
}

/** A radio drawn as a card: the whole card is the label, the native radio keeps keyboard behaviour. */
function ChoiceOption({ name, checked, onChoose, heading, action, value, testId }: ChoiceOptionProps) {
  return (
    <label
      data-testid={testId}
      className={cn(
        'flex cursor-pointer gap-3 rounded-lg border p-3 transition-colors has-focus-visible:outline-2 has-focus-visible:outline-offset-2 has-focus-visible:outline-indigo-500',
        checked
          ? 'border-indigo-500 bg-indigo-50/70 dark:border-indigo-400 dark:bg-indigo-500/10'
          : 'border-zinc-200 hover:bg-zinc-50 dark:border-zinc-700 dark:hover:bg-zinc-800/60',
      )}
    >
      <input
        type="radio"
        name={name}
        checked={checked}
        onChange={onChoose}
        aria-label={`${action} : ${value}`}
        className="mt-0.5 size-4 shrink-0 accent-indigo-600 dark:accent-indigo-400"
      />
      <span className="min-w-0">
        <span className="block text-xs font-medium text-zinc-500 dark:text-zinc-400">{heading}</span>
        <span
          className="mt-0.5 block text-sm break-words whitespace-pre-wrap text-zinc-900 dark:text-zinc-100"
          data-testid={`${testId}-value`}
        >
          {value}
        </span>
      </span>
    </label>
  )
}

/** Turns a stored value into what a person reads: labels, euros, owner names. */
function useValueDescriber(owners: readonly OwnerOption[]) {
  const { t } = useTranslation()
  const format = useFormatters()
  return (field: FormField, value: unknown): string => {
    if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) {
      return t('organisation.conflict.empty')
    }
    switch (field) {
      case 'type':
        return t(`organisation.types.${value as 'OTHER'}`)
      case 'stage':
        return t(`organisation.stages.${value as 'PROSPECT'}`)
      case 'language':
        return t(`organisation.languages.${value as 'fr'}`)
      case 'isActive':
        return value ? t('organisation.detail.active') : t('organisation.detail.inactive')
      case 'potentialAmount':
        return format.amount(value as number)
      case 'ownerId':
        return owners.find((owner) => owner.id === value)?.name ?? String(value)
      case 'tags':
        return (value as string[]).join(', ')
      default:
        return String(value)
    }
  }
}
