import { useTranslation } from 'react-i18next'
import { useFormatters } from '../format.ts'

const NOTES_PREVIEW = 80

/**
 * Shows a stored field value as people read it: translated stages and types, owner names, amounts
 * in euros, lists joined. Values come from the event log (raw) or from the form (text).
 */
export function useFieldValueFormatter(ownerName: (userId: string) => string | undefined) {
  const { t } = useTranslation()
  const format = useFormatters()
  return (field: string, value: unknown): string => {
    if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) {
      return t('collaboration.values.empty')
    }
    switch (field) {
      case 'stage':
        return t(`organisation.stages.${value as 'PROSPECT'}`, { defaultValue: String(value) })
      case 'type':
        return t(`organisation.types.${value as 'INVESTOR'}`, { defaultValue: String(value) })
      case 'language':
        return t(`organisation.languages.${value as 'fr'}`, { defaultValue: String(value) })
      case 'ownerId':
        return ownerName(String(value)) ?? t('collaboration.values.formerMember')
      case 'isActive':
        return value === true || value === 'true' ? t('organisation.detail.active') : t('organisation.detail.inactive')
      case 'potentialAmount': {
        const amount = typeof value === 'number' ? value : Number(String(value).replace(/[\s\u00a0\u202f€]/g, ''))
        return Number.isFinite(amount) ? format.amount(amount) : String(value)
      }
      case 'notes': {
        const text = String(value).replace(/\s+/g, ' ').trim()
        return text.length > NOTES_PREVIEW ? `${text.slice(0, NOTES_PREVIEW)}…` : text
      }
      default:
        return Array.isArray(value) ? value.join(', ') : String(value)
    }
  }
}
