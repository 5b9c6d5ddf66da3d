import { useTranslation } from 'react-i18next'

const STYLES = {
  date: { dateStyle: 'medium' },
  dateTime: { dateStyle: 'medium', timeStyle: 'short' },
  // A calendar day ('YYYY-MM-DD') has no time zone: read and shown in UTC so the day never shifts.
  calendar: { dateStyle: 'medium', timeZone: 'UTC' },
} satisfies Record<string, Intl.DateTimeFormatOptions>

interface FormattedDateProps {
  value: Date | string
  format?: keyof typeof STYLES
  className?: string
}

// Same regional variants as the rest of the interface (day before month in English too).
const LOCALES: Record<string, string> = { fr: 'fr-FR', en: 'en-GB' }

/** A <time> element showing a date in the interface language, with a machine-readable value. */
export function FormattedDate({ value, format = 'date', className }: FormattedDateProps) {
  const { i18n } = useTranslation()
  const calendarDay = format === 'calendar' && typeof value === 'string' ? value : undefined
  const date = calendarDay ? new Date(`${calendarDay}T00:00:00Z`) : new Date(value)
  if (Number.isNaN(date.getTime())) return null
  return (
    <time dateTime={calendarDay ?? date.toISOString()} className={className}>
      {new Intl.DateTimeFormat(LOCALES[i18n.language] ?? i18n.language, STYLES[format]).format(date)}
    </time>
  )
}
