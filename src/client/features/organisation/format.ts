import { useTranslation } from 'react-i18next'

// Amounts and dates follow the interface language; amounts are always euros.
const LOCALES: Record<string, string> = { fr: 'fr-FR', en: 'en-GB' }

export function localeOf(language: string): string {
  return LOCALES[language] ?? LOCALES.fr
}

export interface Formatters {
  amount: (value: number) => string
  date: (value: Date) => string
  dateTime: (value: Date) => string
}

/** Memo-free on purpose: Intl formatters are cheap next to a render and follow language switches. */
export function useFormatters(): Formatters {
  const { i18n } = useTranslation()
  const locale = localeOf(i18n.language)
  const amount = new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 })
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' })
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' })
  return {
    amount: (value) => amount.format(value),
    date: (value) => date.format(value),
    dateTime: (value) => dateTime.format(value),
  }
}
