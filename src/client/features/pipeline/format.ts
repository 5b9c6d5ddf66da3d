import type { PipelineStage } from '../../../shared/pipeline.ts'
import type { OrganisationType } from './board-cache.ts'

const formats = new Map<string, Intl.NumberFormat>()

function numberFormat(language: string, compact: boolean): Intl.NumberFormat {
  const key = `${language}:${compact}`
  let format = formats.get(key)
  if (!format) {
    format = new Intl.NumberFormat(language === 'en' ? 'en-GB' : 'fr-FR', {
      style: 'currency',
      currency: 'EUR',
      maximumFractionDigits: compact ? 1 : 0,
      ...(compact ? { notation: 'compact' } : {}),
    })
    formats.set(key, format)
  }
  return format
}

/** Euros without cents; `compact` gives "12,5 M €" where space is short. */
export function formatAmount(amount: number, language: string, compact = false): string {
  return numberFormat(language, compact).format(amount)
}

export const STAGE_ACCENTS: Record<PipelineStage, string> = {
  PROSPECT: 'bg-zinc-400 dark:bg-zinc-500',
  QUALIFIED: 'bg-sky-500 dark:bg-sky-400',
  PROPOSAL: 'bg-indigo-500 dark:bg-indigo-400',
  NEGOTIATION: 'bg-amber-500 dark:bg-amber-400',
  WON: 'bg-emerald-500 dark:bg-emerald-400',
  LOST: 'bg-rose-500 dark:bg-rose-400',
}

export const TYPE_ACCENTS: Record<OrganisationType, string> = {
  INVESTOR: 'bg-indigo-500 dark:bg-indigo-400',
  SUPPLIER: 'bg-violet-500 dark:bg-violet-400',
  DISTRIBUTOR: 'bg-sky-500 dark:bg-sky-400',
  PARTNER: 'bg-teal-500 dark:bg-teal-400',
  OTHER: 'bg-zinc-400 dark:bg-zinc-500',
}
