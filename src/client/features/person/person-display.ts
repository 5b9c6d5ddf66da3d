import type { RouterOutputs } from '../../lib/trpc.ts'

export type PersonSummary = RouterOutputs['people']['list']['items'][number]
export type PersonDetail = RouterOutputs['people']['byId']
export type PersonLink = PersonDetail['organisationLinks'][number]

export function fullName(person: { firstName: string; lastName: string }): string {
  return `${person.firstName} ${person.lastName}`
}
