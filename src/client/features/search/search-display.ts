import type { TFunction } from 'i18next'
import { Building2, FileSignature, MessageSquare, Package, User, type LucideIcon } from 'lucide-react'
import type { SearchKind } from '../../../shared/schemas/search.ts'
import type { RouterOutputs } from '../../lib/trpc.ts'

export type SearchItem = RouterOutputs['search']['query']['groups'][number]['items'][number]

export const KIND_ICONS: Record<SearchKind, LucideIcon> = {
  organisation: Building2,
  person: User,
  mandate: FileSignature,
  product: Package,
  interaction: MessageSquare,
}

/** Where a result leads: its own page; an interaction opens its organisation (or first person). */
export type RecordTarget =
  | { to: '/organisations/$id'; params: { id: string } }
  | { to: '/people/$id'; params: { id: string } }
  | { to: '/mandates/$id'; params: { id: string } }
  | { to: '/products/$id'; params: { id: string } }

export function targetOf(item: SearchItem): RecordTarget | null {
  const id = item.id
  switch (item.kind) {
    case 'organisation':
      return { to: '/organisations/$id', params: { id } }
    case 'person':
      return { to: '/people/$id', params: { id } }
    case 'mandate':
      return { to: '/mandates/$id', params: { id } }
    case 'product':
      return { to: '/products/$id', params: { id } }
    case 'interaction': {
      const { organisationId, personId } = item.details
      if (organisationId) return { to: '/organisations/$id', params: { id: organisationId } }
      if (personId) return { to: '/people/$id', params: { id: personId } }
      return null
    }
  }
}

/** The line under a result's title, in the user's language. */
export function subtitleOf(item: SearchItem, t: TFunction, language: string): string {
  const d = item.details
  const parts =
    item.kind === 'organisation' ? [d.city, d.stage && t(`organisation.stages.${d.stage}` as never)]
    : item.kind === 'person' ? [d.jobTitle, d.organisationName]
    : item.kind === 'mandate' ? [d.organisationName, d.status && t(`mandate.statuses.${d.status}` as never)]
    : item.kind === 'product' ? [d.isin, d.productKind && t(`product.kinds.${d.productKind}` as never)]
    : [
        d.occurredAt && new Intl.DateTimeFormat(language, { dateStyle: 'medium' }).format(new Date(d.occurredAt)),
        d.interactionKind && t(`search.interactionKinds.${d.interactionKind}` as never),
        d.organisationName,
      ]
  return parts.filter(Boolean).join(' · ')
}
