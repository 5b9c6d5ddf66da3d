import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { PIPELINE_STAGES } from '../../../../shared/pipeline.ts'
import { ORGANISATION_TYPES, organisationCreateInput } from '../../../../shared/schemas/organisation.ts'
import { CheckboxField } from '../../../components/ui/checkbox.tsx'
import { SelectField } from '../../../components/ui/select.tsx'
import { TextField } from '../../../components/ui/text-field.tsx'
import { TextareaField } from '../../../components/ui/textarea.tsx'
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
}

/** Every editable field of an organisation, grouped as users think of them; shared by create and edit. */
export function OrganisationFormFields({
  values,
  errors,
  onChange,
  owners,
  disabled = false,
  autoFocusName = false,
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

  return (
    <div className="space-y-6">
      <FormSection title={t('organisation.form.sectionIdentity')}>
        <TextField
          {...text('name')}
          className="sm:col-span-2"
          required
          autoComplete="organization"
          placeholder={t('organisation.form.namePlaceholder')}
          data-autofocus={autoFocusName || undefined}
        />
        <SelectField {...text('type')} required>
          <option value="" disabled>
            {t('organisation.form.chooseType')}
          </option>
          {ORGANISATION_TYPES.map((type) => (
            <option key={type} value={type}>
              {t(`organisation.types.${type}`)}
            </option>
          ))}
        </SelectField>
        <TextField {...text('category')} placeholder={t('organisation.form.categoryPlaceholder')} />
      </FormSection>

      <FormSection title={t('organisation.form.sectionPipeline')}>
        <SelectField {...text('stage')}>
          {PIPELINE_STAGES.map((stage) => (
            <option key={stage} value={stage}>
              {t(`organisation.stages.${stage}`)}
            </option>
          ))}
        </SelectField>
        <TextField
          {...text('potentialAmount')}
          inputMode="numeric"
          placeholder={t('organisation.form.amountPlaceholder')}
        />
        <SelectField {...text('ownerId')}>
          <option value="">{t('organisation.form.noOwner')}</option>
          {owners.map((owner) => (
            <option key={owner.id} value={owner.id}>
              {owner.name}
            </option>
          ))}
        </SelectField>
        <div>
          <TextField {...text('tags')} placeholder={t('organisation.form.tagsPlaceholder')} />
          {!errors.tags?.length && (
            <p className="mt-1.5 text-xs text-zinc-500 dark:text-zinc-400">{t('organisation.form.tagsHint')}</p>
          )}
        </div>
        <CheckboxField
          name="isActive"
          className="sm:col-span-2"
          label={label('isActive')}
          description={t('organisation.form.isActiveHint')}
          checked={values.isActive}
          disabled={disabled}
          onChange={(event) => onChange('isActive', event.currentTarget.checked)}
        />
      </FormSection>

      <FormSection title={t('organisation.form.sectionContact')}>
        <TextField {...text('email')} type="email" inputMode="email" autoComplete="off" />
        <TextField {...text('phone')} type="tel" autoComplete="off" />
        <TextField {...text('website')} inputMode="url" placeholder="www.exemple.fr" className="sm:col-span-2" />
        <TextField {...text('address')} className="sm:col-span-2" autoComplete="off" />
        <TextField {...text('postalCode')} autoComplete="off" />
        <TextField {...text('city')} autoComplete="off" />
        <TextField
          {...text('country')}
          maxLength={2}
          autoComplete="off"
          placeholder={t('organisation.form.countryPlaceholder')}
        />
        <SelectField {...text('language')}>
          <option value="">{t('organisation.form.noLanguage')}</option>
          {LANGUAGES.map((language) => (
            <option key={language} value={language}>
              {t(`organisation.languages.${language}`)}
            </option>
          ))}
        </SelectField>
      </FormSection>

      <FormSection title={t('organisation.form.sectionNotes')} hideTitle>
        <TextareaField {...text('notes')} rows={5} className="sm:col-span-2" />
      </FormSection>
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
