import { useState } from 'react'
import { Eye, EyeOff, Wand2 } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { Button } from '../../../components/ui/button.tsx'
import { TextField } from '../../../components/ui/text-field.tsx'

// No look-alike characters (0/O, 1/l/I): the password is often read out or copied by hand.
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789'
const GENERATED_LENGTH = 16

function generatePassword(): string {
  const bytes = crypto.getRandomValues(new Uint32Array(GENERATED_LENGTH))
  return Array.from(bytes, (byte) => ALPHABET[byte % ALPHABET.length]).join('')
}

interface PasswordFieldProps {
  name: string
  label: string
  errors?: string[]
  hint: string
  'data-autofocus'?: boolean
}

/** A new password for someone else: shown on demand, or generated (and then shown, to be passed on). */
export function PasswordField({ name, label, errors, hint, ...props }: PasswordFieldProps) {
  const { t } = useTranslation()
  const [value, setValue] = useState('')
  const [visible, setVisible] = useState(false)
  return (
    <div>
      <TextField
        label={label}
        name={name}
        type={visible ? 'text' : 'password'}
        autoComplete="new-password"
        value={value}
        onChange={(event) => setValue(event.currentTarget.value)}
        errors={errors}
        spellCheck={false}
        className="[&_input]:font-mono"
        trailing={
          <Button
            variant="ghost"
            size="icon"
            className="size-8 text-zinc-500 dark:text-zinc-400"
            aria-label={visible ? t('admin.password.hide') : t('admin.password.show')}
            aria-pressed={visible}
            onClick={() => setVisible((current) => !current)}
          >
            {visible ? <EyeOff aria-hidden className="size-4" /> : <Eye aria-hidden className="size-4" />}
          </Button>
        }
        {...props}
      />
      <div className="mt-1.5 flex items-center justify-between gap-3">
        <p className="text-xs text-zinc-500 dark:text-zinc-400">{hint}</p>
        <Button
          variant="ghost"
          size="sm"
          className="-mr-2 shrink-0"
          onClick={() => {
            setValue(generatePassword())
            setVisible(true)
          }}
        >
          <Wand2 aria-hidden className="size-4" />
          {t('admin.password.generate')}
        </Button>
      </div>
    </div>
  )
}
