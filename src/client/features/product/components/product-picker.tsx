import { useState } from 'react'
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { Combobox } from '../../../components/ui/combobox.tsx'
import { useTRPC } from '../../../lib/trpc.ts'

export interface PickedProduct {
  id: string
  name: string
  isin: string
}

interface ProductPickerProps {
  label: string
  value: PickedProduct | null
  onChange: (product: PickedProduct | null) => void
  /** Only products of this team are offered (an admin sees every team's). */
  teamId?: string
  /** Products that may not be picked (those already covered). */
  excludeIds?: readonly string[]
  errors?: string[]
  className?: string
}

const RESULT_LIMIT = 20

/** Searches the team's products by name or ISIN as the user types (products.list). */
export function ProductPicker({
  label,
  value,
  onChange,
  teamId,
  excludeIds = [],
  errors,
  className,
}: ProductPickerProps) {
  const { t } = useTranslation()
  const trpc = useTRPC()
  // Nothing is fetched until the list is first opened.
  const [query, setQuery] = useState<string | null>(null)
  const results = useQuery({
    ...trpc.products.list.queryOptions({ q: query || undefined, teamId, limit: RESULT_LIMIT }),
    enabled: query !== null,
    placeholderData: keepPreviousData,
  })
  const items: PickedProduct[] = (results.data?.items ?? [])
    .filter((product) => !excludeIds.includes(product.id))
    .map(({ id, name, isin }) => ({ id, name, isin }))

  return (
    <Combobox<PickedProduct>
      label={label}
      value={value}
      onChange={onChange}
      items={items}
      getKey={(product) => product.id}
      getLabel={(product) => product.name}
      renderItem={(product) => (
        <span className="flex flex-col">
          <span className="truncate font-medium text-zinc-900 dark:text-white">{product.name}</span>
          <span className="font-mono text-xs tracking-wide text-zinc-500 dark:text-zinc-400">{product.isin}</span>
        </span>
      )}
      onSearch={setQuery}
      loading={results.isFetching}
      placeholder={t('product.picker.placeholder')}
      emptyText={results.isError ? t('product.picker.loadError') : t('product.picker.empty')}
      loadingText={t('common.loading')}
      errors={errors}
      className={className}
    />
  )
}
