import { useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { FieldErrors } from '../../../lib/forms.ts'
import { FORM_FIELDS, validateOrganisationForm, type FormField, type OrganisationFormData, type OrganisationFormValues } from '../form.ts'

/**
 * Form state shared by creation and editing: values, field messages (from the shared schema, then
 * from the server), and focus on the first field to fix.
 */
export function useOrganisationForm(initial: OrganisationFormValues) {
  const { t } = useTranslation()
  const formRef = useRef<HTMLFormElement>(null)
  const [values, setValues] = useState(initial)
  const [errors, setErrors] = useState<FieldErrors<OrganisationFormValues>>({})

  const setField = <K extends FormField>(field: K, value: OrganisationFormValues[K]) => {
    setValues((current) => ({ ...current, [field]: value }))
    // A corrected field should stop shouting; the rest keep their messages until the next submit.
    setErrors((current) => (current[field] ? { ...current, [field]: undefined } : current))
  }

  const focusFirstError = (fieldErrors: FieldErrors<OrganisationFormValues>) => {
    const first = FORM_FIELDS.find((field) => fieldErrors[field]?.length)
    const element = first && formRef.current?.elements.namedItem(first)
    if (!(element instanceof HTMLElement)) return
    // Centred, so the sticky header never hides the field being pointed at.
    element.focus({ preventScroll: true })
    element.scrollIntoView({ block: 'center' })
  }

  /** Checks `candidate` (the current values by default); shows and focuses errors, or returns the data. */
  const validate = (candidate: OrganisationFormValues = values): OrganisationFormData | undefined => {
    const result = validateOrganisationForm(candidate)
    if (!result.success) {
      setErrors(result.errors)
      focusFirstError(result.errors)
      return undefined
    }
    setErrors({})
    return result.data
  }

  /** A submit handler that validates first and calls `submit` only with valid data. */
  const handleSubmit = (submit: (data: OrganisationFormData) => void) => (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const data = validate()
    if (data) submit(data)
  }

  /** Server-side field messages (BAD_REQUEST), mapped onto the same fields. */
  const showServerErrors = (fieldErrors: Record<string, string[] | undefined>) => {
    const known = Object.fromEntries(
      Object.entries(fieldErrors).filter(([field]) => (FORM_FIELDS as readonly string[]).includes(field)),
    ) as FieldErrors<OrganisationFormValues>
    setErrors(known)
    focusFirstError(known)
    return Object.keys(known).length > 0
  }

  return { formRef, values, setValues, errors, setField, validate, handleSubmit, showServerErrors }
}
