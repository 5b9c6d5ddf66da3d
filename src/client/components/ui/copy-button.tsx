import { useEffect, useState } from 'react'
import { Check, Copy } from 'lucide-react'
import { Button, type ButtonSize, type ButtonVariant } from './button.tsx'

const CONFIRMATION_MS = 2000

interface CopyButtonProps {
  value: string
  label: string
  /** Shown (and announced) for a moment once the value is on the clipboard. */
  copiedLabel: string
  /** Called when the clipboard refuses (insecure page, denied permission), e.g. to select the text instead. */
  onCopyFailed?: () => void
  variant?: ButtonVariant
  size?: ButtonSize
  className?: string
}

/** Copies a value to the clipboard and says so, in words and with a check mark. */
export function CopyButton({
  value,
  label,
  copiedLabel,
  onCopyFailed,
  variant = 'secondary',
  size = 'md',
  className,
}: CopyButtonProps) {
  const [copied, setCopied] = useState(false)

  useEffect(() => {
    if (!copied) return
    const timer = setTimeout(() => setCopied(false), CONFIRMATION_MS)
    return () => clearTimeout(timer)
  }, [copied])

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value)
      setCopied(true)
    } catch {
      onCopyFailed?.()
    }
  }

  return (
    <Button variant={variant} size={size} className={className} onClick={() => void copy()}>
      {copied ? (
        <Check aria-hidden className="size-4 text-emerald-600 dark:text-emerald-400" />
      ) : (
        <Copy aria-hidden className="size-4" />
      )}
      <span aria-live="polite">{copied ? copiedLabel : label}</span>
    </Button>
  )
}
