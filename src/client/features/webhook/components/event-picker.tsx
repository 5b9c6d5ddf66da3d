import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { WEBHOOK_EVENT_GROUPS, WEBHOOK_EVENT_TYPES } from '../../../../shared/schemas/webhook.ts'
import { Checkbox, CheckboxField } from '../../../components/ui/checkbox.tsx'
import { FieldError } from '../../../components/ui/field-error.tsx'

interface EventPickerProps {
  value: string[]
  onChange: (value: string[]) => void
  errors?: string[]
}

/**
 * Patterns an endpoint subscribes to: `*`, a whole entity (`organisation.*`) or single types. A wider
 * choice covers (and disables) the narrower ones below it.
 */
export function EventPicker({ value, onChange, errors }: EventPickerProps) {
  const { t } = useTranslation()
  const id = useId()
  const chosen = new Set(value)
  const all = chosen.has('*')
  const toggle = (pattern: string, on: boolean, drop: (other: string) => boolean = () => false) => {
    const next = value.filter((other) => other !== pattern && !(on && drop(other)))
    onChange(on ? [...next, pattern] : next)
  }

  return (
    <fieldset aria-describedby={errors?.length ? `${id}-error` : undefined} data-testid="webhook-event-picker">
      <legend className="text-sm font-medium text-zinc-800 dark:text-zinc-200">{t('webhooks.form.events')}</legend>
      <CheckboxField
        className="mt-3"
        label={t('webhooks.form.allEvents')}
        checked={all}
        onChange={(event) => toggle('*', event.target.checked, () => true)}
      />
      <div className="mt-3 grid gap-3 sm:grid-cols-2">
        {WEBHOOK_EVENT_GROUPS.map((group) => {
          const wildcard = `${group}.*`
          const groupOn = all || chosen.has(wildcard)
          return (
            <div key={group} className="rounded-lg border border-zinc-200 p-3 dark:border-zinc-800">
              <CheckboxField
                label={
                  <>
                    {t(`webhooks.groups.${group}` as 'webhooks.groups.organisation')}{' '}
                    <span className="font-normal text-zinc-500 dark:text-zinc-400">{t('webhooks.form.groupAll', { pattern: wildcard })}</span>
                  </>
                }
                checked={groupOn}
                disabled={all}
                onChange={(event) => toggle(wildcard, event.target.checked, (other) => other.startsWith(`${group}.`))}
              />
              <ul className="mt-2 space-y-1.5 pl-7">
                {WEBHOOK_EVENT_TYPES.filter((type) => type.startsWith(`${group}.`)).map((type) => (
                  <li key={type}>
                    <label className="flex items-center gap-2 font-mono text-xs text-zinc-700 dark:text-zinc-300">
                      <Checkbox
                        checked={groupOn || chosen.has(type)}
                        disabled={groupOn}
                        onChange={(event) => toggle(type, event.target.checked)}
                      />
                      {type}
                    </label>
                  </li>
                ))}
              </ul>
            </div>
          )
        })}
      </div>
      <FieldError id={`${id}-error`} messages={errors} />
    </fieldset>
  )
}
