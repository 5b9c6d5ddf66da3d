import { Plus } from 'lucide-react'
import { Button } from '../ui/button.tsx'

/** A list header's "New …" button. */
export function CreateButton({ label, onClick, testId }: { label: string; onClick: () => void; testId?: string }) {
  return (
    <Button onClick={onClick} data-testid={testId}>
      <Plus aria-hidden className="size-4" />
      {label}
    </Button>
  )
}
