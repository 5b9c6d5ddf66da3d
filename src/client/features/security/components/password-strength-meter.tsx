import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { cn } from '../../../lib/cn.ts'
import { validationLanguage } from '../../../lib/forms.ts'
import { validationText } from '../../../../shared/validation.ts'
import type { PasswordVerdict } from '../../../../shared/password-strength.ts'

type Assess = (password: string, userInputs?: string[]) => PasswordVerdict

// The estimator and its word lists (~1 MB) load with the first keystroke, on this page only.
let loading: Promise<Assess> | undefined
function loadAssess(): Promise<Assess> {
  loading ??= import('../../../../shared/password-strength.ts').then((module) => module.passwordVerdict)
  return loading
}

const BAR_COLOURS = ['bg-red-500', 'bg-red-500', 'bg-amber-500', 'bg-emerald-500', 'bg-emerald-600']

/** The same verdict the server gives, as the user types: a bar, a word, and the reason for a refusal. */
export function PasswordStrengthMeter({ password, userInputs }: { password: string; userInputs: string[] }) {
  const { t } = useTranslation()
  const [verdict, setVerdict] = useState<PasswordVerdict | null>(null)
  useEffect(() => {
    let current = true
    if (!password) {
      setVerdict(null)
      return
    }
    void loadAssess().then((assess) => {
      if (current) setVerdict(assess(password, userInputs))
    })
    return () => {
      current = false
    }
  }, [password, userInputs])

  const score = verdict?.score ?? 0
  return (
    <div className="space-y-1" data-testid="password-strength" data-score={verdict ? score : ''}>
      <div className="flex gap-1" aria-hidden>
        {[0, 1, 2, 3].map((step) => (
          <span
            key={step}
            className={cn('h-1.5 flex-1 rounded-full', verdict && score > step ? BAR_COLOURS[score] : 'bg-zinc-200 dark:bg-zinc-800')}
          />
        ))}
      </div>
      <p className="text-xs text-zinc-600 dark:text-zinc-400" aria-live="polite">
        {verdict
          ? `${t('security.password.strength.label')} ${(t('security.password.strength.levels', { returnObjects: true }) as string[])[score]}${verdict.problem ? ` — ${validationText(verdict.problem, validationLanguage())}` : ''}`
          : t('security.password.strength.empty')}
      </p>
    </div>
  )
}
