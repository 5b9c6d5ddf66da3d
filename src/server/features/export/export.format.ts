// Value formatting shared by the three writers. Dates are shown in Paris time (the firm's), calendar
// dates (mandate start/end, stored at UTC midnight) as they are.

export type CellValue = string | number | Date | null
export type ColumnKind = 'text' | 'number' | 'currency' | 'date' | 'datetime'

const TIME_ZONE = 'Europe/Paris'

const dateFormats = {
  fr: {
    date: new Intl.DateTimeFormat('fr-FR', { timeZone: 'UTC', day: '2-digit', month: '2-digit', year: 'numeric' }),
    datetime: new Intl.DateTimeFormat('fr-FR', {
      timeZone: TIME_ZONE,
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
    }),
  },
  // Swedish formats dates as ISO 8601 (2026-11-27 14:05).
  en: {
    date: new Intl.DateTimeFormat('sv-SE', { timeZone: 'UTC', day: '2-digit', month: '2-digit', year: 'numeric' }),
    datetime: new Intl.DateTimeFormat('sv-SE', {
      timeZone: TIME_ZONE,
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
    }),
  },
}

/** Paris has changed its clocks on the hour (01:00 UTC) since 1976: from then on the offset is known per hour. */
const HOURLY_OFFSETS_FROM = Date.UTC(1980, 0, 1)
const YEAR_10000 = Date.UTC(10000, 0, 1)

/**
 * What `Intl.DateTimeFormat` writes for these formats (`27/11/2026 14:05`, `2026-11-27 14:05`),
 * built from the numbers: a 100,000-row export formats 200,000 dates. Intl itself serves the
 * years it writes otherwise (before 1000, after 9999) and the Paris times before 1980.
 */
export function formatDate(value: Date, kind: 'date' | 'datetime', language: string): string {
  let time = value.getTime()
  if (!(time >= (kind === 'datetime' ? HOURLY_OFFSETS_FROM : Date.UTC(1000, 0, 1)) && time < YEAR_10000 - 86_400_000)) {
    return dateFormats[language === 'en' ? 'en' : 'fr'][kind].format(value)
  }
  if (kind === 'datetime') time += parisOffset(time)
  const days = Math.floor(time / 86_400_000)
  const { year, month, day } = civilDate(days)
  const date = language === 'en' ? `${year}-${pad(month)}-${pad(day)}` : `${pad(day)}/${pad(month)}/${year}`
  if (kind === 'date') return date
  const minutes = Math.floor((time - days * 86_400_000) / 60_000)
  return `${date} ${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`
}

function pad(value: number): string {
  return value < 10 ? `0${value}` : String(value)
}

/** Year, month and day of a count of days since 1970-01-01 (proleptic Gregorian; H. Hinnant's civil_from_days). */
function civilDate(days: number): { year: number; month: number; day: number } {
  const z = days + 719_468
  const era = Math.floor(z / 146_097)
  const dayOfEra = z - era * 146_097
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365)
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100))
  const shifted = Math.floor((5 * dayOfYear + 2) / 153)
  const day = dayOfYear - Math.floor((153 * shifted + 2) / 5) + 1
  const month = shifted < 10 ? shifted + 3 : shifted - 9
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day }
}

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' }
/** Characters XML 1.0 cannot carry at all: left in, they would make the file unreadable. */
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g
const XML_TO_CHANGE = /[&<>"'\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/

/**
 * Text as XML content or attribute (the .xlsx): escaped, characters XML cannot carry dropped, line
 * breaks as LF (XML turns a bare CR into one anyway). Most cells need none of it and return as they are.
 */
export function xmlText(text: string): string {
  if (!XML_TO_CHANGE.test(text)) return text
  return text
    .replace(/\r\n?/g, '\n')
    .replace(XML_INVALID, '')
    .replace(/[&<>"']/g, (char) => XML_ESCAPES[char])
}

const frenchNumber = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 })
const englishNumber = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 })

/**
 * A number as a reader of the language writes it. French groups thousands with U+202F (narrow
 * no-break space) or U+00A0, which jsPDF's standard fonts print as garbage: a plain space reads the same.
 */
export function formatNumber(value: number, language: string): string {
  if (language === 'en') return englishNumber.format(value)
  return frenchNumber.format(value).replace(/[\u202f\u00a0]/g, ' ')
}

export function formatAmount(value: number, language: string): string {
  return language === 'en' ? `€${formatNumber(value, language)}` : `${formatNumber(value, language)} €`
}

/** Offset of Paris from UTC, in ms, cached per UTC hour (time changes happen on the hour) and per day. */
const offsets = new Map<number, number>()
const parisParts = new Intl.DateTimeFormat('en-US', {
  timeZone: TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
})

/** The same instant as a "wall clock" date in UTC: spreadsheets have no time zones and show UTC fields. */
export function parisWallClock(value: Date): Date {
  const time = value.getTime()
  return new Date(time + (time >= HOURLY_OFFSETS_FROM ? parisOffset(time) : minuteOffset(time)))
}

/** The offset at this minute, uncached: before 1980 (Paris's offset was not always whole hours before 1911). */
function minuteOffset(time: number): number {
  const parts = Object.fromEntries(parisParts.formatToParts(new Date(time)).map((part) => [part.type, part.value]))
  return Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute) - (time - (time % 60_000))
}

let lastHour = NaN
let lastOffset = 0
/** Per day: the offset of the whole day, or NaN on a day the clocks change. */
const dayOffsets = new Map<number, number>()

function parisOffset(time: number): number {
  const hour = Math.floor(time / 3_600_000)
  // Rows in list order come mostly from the same hours: the last one answers without the maps.
  if (hour === lastHour) return lastOffset
  const day = Math.floor(hour / 24)
  let offset = dayOffsets.get(day)
  if (offset === undefined) {
    // Clocks change at most once a day: the same offset at its first and last hours holds all day.
    const first = hourOffset(day * 24)
    offset = first === hourOffset(day * 24 + 23) ? first : NaN
    if (dayOffsets.size > 50_000) dayOffsets.clear()
    dayOffsets.set(day, offset)
  }
  if (Number.isNaN(offset)) offset = hourOffset(hour)
  lastHour = hour
  lastOffset = offset
  return offset
}

function hourOffset(hour: number): number {
  let offset = offsets.get(hour)
  if (offset === undefined) {
    offset = minuteOffset(hour * 3_600_000)
    if (offsets.size > 50_000) offsets.clear()
    offsets.set(hour, offset)
  }
  return offset
}

/** `organisations-2026-11-27.xlsx`, dated in Paris. */
export function exportFileName(entity: string, format: string, now: Date): string {
  return `${entity}-${formatDate(now, 'datetime', 'en').slice(0, 10)}.${format}`
}
