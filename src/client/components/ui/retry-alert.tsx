import { RefreshCw } from 'lucide-react'
import { Alert } from './alert.tsx'
import { Button } from './button.tsx'

interface RetryAlertProps {
  title: string
  description: string
  retryLabel: string
  onRetry: () => void
  retrying?: boolean
  className?: string
}

/** Something failed to load: say so and offer to try again, in place of the missing content. */
export function RetryAlert({ title, description, retryLabel, onRetry, retrying = false, className }: RetryAlertProps) {
  return (
    <Alert tone="error" title={title} className={className}>
      <p>{description}</p>
      <Button variant="secondary" size="sm" className="mt-3" onClick={onRetry} loading={retrying}>
        {!retrying && <RefreshCw aria-hidden className="size-3.5" />}
        {retryLabel}
      </Button>
    </Alert>
  )
}
