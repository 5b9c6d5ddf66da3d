import { CalendarDays, Mail, Phone, StickyNote, type LucideIcon } from 'lucide-react'
import type { INTERACTION_KINDS } from '../../../shared/schemas/interaction.ts'

export type InteractionKind = (typeof INTERACTION_KINDS)[number]

export const KIND_ICONS: Record<InteractionKind, LucideIcon> = {
  CALL: Phone,
  EMAIL: Mail,
  MEETING: CalendarDays,
  NOTE: StickyNote,
}

/** What a record page hands the log form: who and what the activity is about. */
export interface ActivitySubject {
  teamId: string
  organisation: { id: string; name: string } | null
  /** Checked from the start (the person whose page this is). */
  people: { id: string; name: string }[]
  /** Offered with a tick box (the organisation's contacts). */
  suggestedPeople?: { id: string; name: string }[]
}

const pad = (value: number) => String(value).padStart(2, '0')

/** A datetime-local value ('YYYY-MM-DDTHH:mm') in the browser's time zone. */
export function dateTimeInput(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`
}

/** A datetime-local value as the API takes it; one the browser cannot read is passed as typed, for validation to report. */
export function isoFromInput(value: string): string {
  const date = new Date(value)
  return Number.isNaN(date.getTime()) ? value : date.toISOString()
}
