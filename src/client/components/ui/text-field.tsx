import { useId, type ComponentProps, type ReactNode } from 'react'
import { FieldError } from './field-error.tsx'
import { Input } from './input.tsx'
import { Label } from './label.tsx'

interface TextFieldProps extends Omit<ComponentProps<'input'>, 'id'> {
  label: string
  errors?: string[]
  /** Rendered inside the input's box, on the right (a reveal button, for instance). */
  trailing?: ReactNode
}

/** Label, input and error message wired together for assistive technology. */
export function TextField({ label, errors, trailing, className, ...props }: TextFieldProps) {
  const id = useId()
  const errorId = `${id}-error`
  const invalid = Boolean(errors?.length)
  return (
    <div className={className}>
      <Label htmlFor={id}>{label}</Label>
      <div className="relative mt-1.5">
        <Input
          id={id}
          invalid={invalid}
          aria-describedby={invalid ? errorId : undefined}
          className={trailing ? 'pr-11' : undefined}
          {...props}
        />
        {trailing && <div className="absolute inset-y-0 right-0 flex items-center pr-1">{trailing}</div>}
      </div>
      <FieldError id={errorId} messages={errors} />
    </div>
  )
}
