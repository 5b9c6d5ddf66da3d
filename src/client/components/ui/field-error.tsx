import { CircleAlert } from 'lucide-react'

export function FieldError({ id, messages }: { id: string; messages?: string[] }) {
  if (!messages?.length) return null
  return (
    <p id={id} className="mt-1.5 flex items-start gap-1.5 text-sm text-red-600 dark:text-red-400">
      <CircleAlert aria-hidden className="mt-0.5 size-4 shrink-0" />
      <span>{messages.join(' ')}</span>
    </p>
  )
}
