import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { PIPELINE_STAGES } from '../../../../shared/pipeline.ts'
import { ORGANISATION_TYPES, organisationCreateInput } from '../../../../shared/schemas/organisation.ts'
import { CheckboxField } from '../../../components/ui/checkbox.tsx'
import { SelectField } from '../../../components/ui/select.tsx'
import { TextField } from '../../../components/ui/text-field.tsx'
import { TextareaField } from '../../../components/ui/textarea.tsx'
import { cn } from '../../../lib/cn.ts'
import type { FieldErrors } from '../../../lib/forms.ts'
import type { FormField, OrganisationFormValues } from '../form.ts'

const LANGUAGES = organisationCreateInput.shape.language.unwrap().unwrap().options

export interface OwnerOption {
  id: string
  name: string
}

interface OrganisationFormFieldsProps {
  values: OrganisationFormValues
  errors: FieldErrors<OrganisationFormValues>
  onChange: <K extends FormField>(field: K, value: OrganisationFormValues[K]) => void
  owners: readonly OwnerOption[]
  disabled?: boolean
  /** Focuses the name when the form opens (creation); editing keeps focus where the user clicked. */
  autoFocusName?: boolean
  /** Editing: the notes are co-edited in their own card, not through this form. */
  hideNotes?: boolean
  /** Presence and live changes around each field (editing together). */
  annotate?: (field: FormField) => FieldAnnotation | undefined
}

/** Every editable field of an organisation, grouped as users think of them; shared by create and edit. */
export function OrganisationFormFields({
  values,
  errors,
  onChange,
  owners,
  disabled = false,
  autoFocusName = false,
  hideNotes = false,
  annotate,
}: OrganisationFormFieldsProps) {
  const { t } = useTranslation()
  const label = (field: FormField) => t(`organisation.fields.${field}`)
  const text = (field: Exclude<FormField, 'isActive'>) => ({
    name: field,
    label: label(field),
    value: values[field],
    errors: errors[field],
    disabled,
    onChange: (event: { currentTarget: { value: string } }) => onChange(field, event.currentTarget.value),
  })

  const slot = (field: FormField, element: ReactNode, className?: string) => (
    <FieldSlot key={field} field={field} annotation={annotate?.(field)} className={className}>
      {element}
    </FieldSlot>
  )

  return (
    <div className="space-y-6">
      <FormSection title={t('organisation.form.sectionIdentity')}>
        {slot(
          'name',
          <TextField
            {...text('name')}
            required
            autoComplete="organization"
            placeholder={t('organisation.form.namePlaceholder')}
            data-autofocus={autoFocusName || undefined}
          />,
          'sm:col-span-2',
        )}
        {slot(
          'type',
          <SelectField {...text('type')} required>
            <option value="" disabled>
              {t('organisation.form.chooseType')}
            </option>
            {ORGANISATION_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`organisation.types.${type}`)}
              </option>
            ))}
          </SelectField>,
        )}
        {slot('category', <TextField {...text('category')} placeholder={t('organisation.form.categoryPlaceholder')} />)}
      </FormSection>

      <FormSection title={t('organisation.form.sectionPipeline')}>
        {slot(
          'stage',
          <SelectField {...text('stage')}>
            {PIPELINE_STAGES.map((stage) => (
              <option key={stage} value={stage}>
                {t(`organisation.stages.${stage}`)}
              </option>
            ))}
          </SelectField>,
        )}
        {slot(
          'potentialAmount',
          <TextField
            {...text('potentialAmount')}
            inputMode="numeric"
            placeholder={t('organisation.form.amountPlaceholder')}
          />,
        )}
        {slot(
          'ownerId',
          <SelectField {...text('ownerId')}>
            <option value="">{t('organisation.form.noOwner')}</option>
            {owners.map((owner) => (
              <option key={owner.id} value={owner.id}>
                {owner.name}
              </option>
            ))}
          </SelectField>,
        )}
        {slot(
          'tags',
          <>
            <TextField {...text('tags')} placeholder={t('organisation.form.tagsPlaceholder')} />
            {!errors.tags?.length && (
              <p className="mt-1.5 text-xs text-zinc-500 dark:text-zinc-400">{t('organisation.form.tagsHint')}</p>
            )}
          </>,
        )}
        {slot(
          'isActive',
          <CheckboxField
            name="isActive"
            label={label('isActive')}
            description={t('organisation.form.isActiveHint')}
            checked={values.isActive}
            disabled={disabled}
            onChange={(event) => onChange('isActive', event.currentTarget.checked)}
          />,
          'sm:col-span-2',
        )}
      </FormSection>

      <FormSection title={t('organisation.form.sectionContact')}>
        {slot('email', <TextField {...text('email')} type="email" inputMode="email" autoComplete="off" />)}
        {slot('phone', <TextField {...text('phone')} type="tel" autoComplete="off" />)}
        {slot('website', <TextField {...text('website')} inputMode="url" placeholder="www.exemple.fr" />, 'sm:col-span-2')}
        {slot('address', <TextField {...text('address')} autoComplete="off" />, 'sm:col-span-2')}
        {slot('postalCode', <TextField {...text('postalCode')} autoComplete="off" />)}
        {slot('city', <TextField {...text('city')} autoComplete="off" />)}
        {slot(
          'country',
          <TextField
            {...text('country')}
            maxLength={2}
            autoComplete="off"
            placeholder={t('organisation.form.countryPlaceholder')}
          />,
        )}
        {slot(
          'language',
          <SelectField {...text('language')}>
            <option value="">{t('organisation.form.noLanguage')}</option>
            {LANGUAGES.map((language) => (
              <option key={language} value={language}>
                {t(`organisation.languages.${language}`)}
              </option>
            ))}
          </SelectField>,
        )}
      </FormSection>

      {!hideNotes && (
        <FormSection title={t('organisation.form.sectionNotes')} hideTitle>
          {slot('notes', <TextareaField {...text('notes')} rows={5} />, 'sm:col-span-2')}
        </FormSection>
      )}
    </div>
  )
}

/** What the form shows around a field: someone else editing it, or a value someone just saved. */
export interface FieldAnnotation {
  /** A person's colour: the field is outlined with it. */
  color?: string
  /** Top right, on the label's line (who edits it). */
  tag?: ReactNode
  /** Under the field (who changed it, what they saved). */
  note?: ReactNode
}

function FieldSlot({
  field,
  annotation,
  className,
  children,
}: {
  field: FormField
  annotation?: FieldAnnotation
  className?: string
  children: ReactNode
}) {
  return (
    <div
      className={cn('relative rounded-md transition-[outline-color] duration-500', className)}
      style={annotation?.color ? { outline: `2px solid ${annotation.color}`, outlineOffset: 4 } : undefined}
      data-field-slot={field}
    >
      {children}
      {annotation?.tag && <div className="absolute top-0 right-0">{annotation.tag}</div>}
      {annotation?.note}
    </div>
  )
}

function FormSection({ title, hideTitle = false, children }: { title: string; hideTitle?: boolean; children: ReactNode }) {
  return (
    <fieldset>
      <legend
        className={
          hideTitle
            ? 'sr-only'
            : 'mb-3 text-xs font-semibold tracking-wide text-zinc-500 uppercase dark:text-zinc-400'
        }
      >
        {title}
      </legend>
      <div className="grid gap-4 sm:grid-cols-2">{children}</div>
    </fieldset>
  )
}
