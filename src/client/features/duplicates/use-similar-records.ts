import { useEffect, useState } from 'react'
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import type { OrganisationSimilarInput, PersonSimilarInput } from '../../../shared/schemas/duplicates.ts'
import { useTRPC } from '../../lib/trpc.ts'

const DELAY_MS = 350

/** The value once the user has paused typing. */
function useSettled<T>(value: T): T {
  const [settled, setSettled] = useState(value)
  const key = JSON.stringify(value)
  useEffect(() => {
    const timer = setTimeout(() => setSettled(JSON.parse(key) as T), DELAY_MS)
    return () => clearTimeout(timer)
  }, [key])
  return settled
}

/** Organisations of the user's scope that look like the one being typed (organisations.similar). */
export function useSimilarOrganisations(input: OrganisationSimilarInput) {
  const trpc = useTRPC()
  const settled = useSettled(input)
  const enough = settled.name.trim().length >= 2 || Boolean(settled.email) || Boolean(settled.website)
  const query = useQuery({ ...trpc.organisations.similar.queryOptions(settled), enabled: enough, placeholderData: keepPreviousData })
  return enough ? (query.data ?? []) : []
}

/** People of the user's scope who look like the one being typed (people.similar). */
export function useSimilarPeople(input: PersonSimilarInput) {
  const trpc = useTRPC()
  const settled = useSettled(input)
  const enough = (settled.firstName.trim() !== '' && settled.lastName.trim() !== '') || Boolean(settled.email)
  const query = useQuery({ ...trpc.people.similar.queryOptions(settled), enabled: enough, placeholderData: keepPreviousData })
  return enough ? (query.data ?? []) : []
}
