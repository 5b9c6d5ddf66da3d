import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { API_TOKEN_SCOPES } from '../../../../shared/schemas/api-token.ts'
import { FieldError } from '../../../components/ui/field-error.tsx'
import { cn } from '../../../lib/cn.ts'

export type ApiTokenScope = (typeof API_TOKEN_SCOPES)[number]

interface ScopeChoiceProps {
  value: ApiTokenScope
  onChange: (scope: ApiTokenScope) => void
  /** Viewers may only hold read-only tokens: the other choice is shown, disabled, with the reason. */
  readOnly: boolean
  errors?: string[]
}

/** Native radios laid out as cards, so each scope can say what it allows. */
export function ScopeChoice({ value, onChange, readOnly, errors }: ScopeChoiceProps) {
  const { t } = useTranslation()
  const id = useId()
  return (
    <fieldset aria-describedby={errors?.length ? `${id}-error` : undefined}>
      <legend className="text-sm font-medium text-zinc-800 dark:text-zinc-200">{t('admin.tokens.fields.scope')}</legend>
      <div className="mt-1.5 grid gap-2 sm:grid-cols-2">
        {API_TOKEN_SCOPES.map((scope) => {
          const disabled = readOnly && scope !== 'READ'
          const labelId = `${id}-${scope}-label`
          const descriptionId = `${id}-${scope}-description`
          return (
            <label
              key={scope}
              className={cn(
                'relative flex gap-3 rounded-lg border p-3 text-sm transition-colors',
                'has-focus-visible:outline-2 has-focus-visible:outline-offset-2 has-focus-visible:outline-indigo-500',
                value === scope
                  ? 'border-indigo-500 bg-indigo-50/60 dark:border-indigo-400 dark:bg-indigo-500/10'
                  : 'border-zinc-300 dark:border-zinc-700',
                disabled ? 'cursor-not-allowed opacity-60' : 'cursor-pointer hover:border-indigo-300 dark:hover:border-indigo-500/60',
              )}
            >
              <input
                type="radio"
                name="scope"
                value={scope}
                checked={value === scope}
                disabled={disabled}
                onChange={() => onChange(scope)}
                aria-labelledby={labelId}
                aria-describedby={descriptionId}
                className="mt-0.5 size-4 shrink-0 accent-indigo-600 outline-none dark:accent-indigo-500"
              />
              <span className="min-w-0">
                <span id={labelId} className="block font-medium text-zinc-900 dark:text-white">
                  {t(`admin.tokens.scopes.${scope}.label`)}
                </span>
                <span id={descriptionId} className="mt-0.5 block text-zinc-600 dark:text-zinc-400">
                  {disabled ? t('admin.tokens.scopes.viewerOnly') : t(`admin.tokens.scopes.${scope}.description`)}
                </span>
              </span>
            </label>
          )
        })}
      </div>
      <FieldError id={`${id}-error`} messages={errors} />
    </fieldset>
  )
}
