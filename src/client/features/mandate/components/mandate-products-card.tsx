import { useState, type FormEvent } from 'react'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { Link } from '@tanstack/react-router'
import { Package, Plus, X } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { Alert } from '../../../components/ui/alert.tsx'
import { Button, focusRing } from '../../../components/ui/button.tsx'
import { Card, CardDescription, CardHeader, CardTitle } from '../../../components/ui/card.tsx'
import { StatusBadge } from '../../../components/ui/status-badge.tsx'
import { cn } from '../../../lib/cn.ts'
import { fieldErrorsOf } from '../../../lib/errors.ts'
import { useTRPC } from '../../../lib/trpc.ts'
import { ProductPicker, type PickedProduct } from '../../product/components/product-picker.tsx'
import { PRODUCT_STATUS_TONES } from '../../product/product-display.ts'
import type { MandateDetail } from '../mandate-display.ts'
import { mandateErrorKey } from '../mandate-errors.ts'

interface MandateProductsCardProps {
  mandate: MandateDetail
  canWrite: boolean
  className?: string
}

/** The products the mandate covers; writers add them with a search picker and remove them one by one. */
export function MandateProductsCard({ mandate, canWrite, className }: MandateProductsCardProps) {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const [picked, setPicked] = useState<PickedProduct | null>(null)

  const onSaved = async (saved: MandateDetail) => {
    queryClient.setQueryData(trpc.mandates.byId.queryKey({ id: saved.id }), saved)
    await Promise.all([
      queryClient.invalidateQueries(trpc.mandates.list.pathFilter()),
      queryClient.invalidateQueries(trpc.products.pathFilter()),
    ])
  }
  const add = useMutation(
    trpc.mandates.addProduct.mutationOptions({
      onSuccess: async (saved) => {
        setPicked(null)
        await onSaved(saved)
      },
    }),
  )
  const remove = useMutation(trpc.mandates.removeProduct.mutationOptions({ onSuccess: onSaved }))

  const onAdd = (event: FormEvent) => {
    event.preventDefault()
    if (!picked) return
    remove.reset()
    add.mutate({ mandateId: mandate.id, productId: picked.id })
  }

  const failed = add.error ?? remove.error
  const productUnavailable = Boolean(add.error && fieldErrorsOf(add.error).productId)
  const failureKey = failed && !productUnavailable ? mandateErrorKey(failed) : null

  return (
    <Card className={className} data-testid="mandate-products">
      <CardHeader className="pb-4">
        <CardTitle>{t('mandate.products.title', { count: mandate.products.length })}</CardTitle>
        <CardDescription>{t('mandate.products.description')}</CardDescription>
      </CardHeader>

      {canWrite && (
        <form onSubmit={onAdd} className="flex flex-col gap-3 px-5 pb-5 sm:flex-row sm:items-start">
          <ProductPicker
            label={t('mandate.products.add')}
            value={picked}
            onChange={setPicked}
            teamId={mandate.teamId}
            excludeIds={mandate.products.map((product) => product.id)}
            errors={productUnavailable ? [t('mandate.products.unavailable')] : undefined}
            className="sm:flex-1"
          />
          <Button type="submit" variant="secondary" loading={add.isPending} disabled={!picked} className="sm:mt-[1.625rem]">
            {!add.isPending && <Plus aria-hidden className="size-4" />}
            {t('mandate.products.addButton')}
          </Button>
        </form>
      )}
      {failureKey && (
        <Alert tone="error" className="mx-5 mb-4">
          {t(failureKey)}
        </Alert>
      )}

      {mandate.products.length === 0 ? (
        <div className="flex flex-col items-center border-t border-zinc-200 px-5 py-10 text-center dark:border-zinc-800">
          <Package aria-hidden className="size-6 text-zinc-400 dark:text-zinc-500" />
          <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">{t('mandate.products.empty')}</p>
        </div>
      ) : (
        <ul className="divide-y divide-zinc-100 border-t border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
          {mandate.products.map((product) => (
            <li key={product.id} className="flex items-center gap-4 px-5 py-3">
              <div className="min-w-0 flex-1">
                <Link
                  to="/products/$id"
                  params={{ id: product.id }}
                  className={cn(
                    'block truncate rounded text-sm font-medium text-zinc-900 hover:text-indigo-600 dark:text-white dark:hover:text-indigo-400',
                    focusRing,
                  )}
                >
                  {product.name}
                </Link>
                <p className="text-xs text-zinc-500 dark:text-zinc-400">
                  <span className="font-mono tracking-wide">{product.isin}</span> · {t(`product.kinds.${product.kind}`)}
                </p>
              </div>
              <StatusBadge tone={PRODUCT_STATUS_TONES[product.status]} dot className="hidden sm:inline-flex">
                {t(`product.statuses.${product.status}`)}
              </StatusBadge>
              {canWrite && (
                <Button
                  variant="ghost"
                  size="icon"
                  className="size-8"
                  aria-label={t('mandate.products.remove', { name: product.name })}
                  title={t('mandate.products.remove', { name: product.name })}
                  disabled={remove.isPending && remove.variables?.productId === product.id}
                  onClick={() => {
                    add.reset()
                    remove.mutate({ mandateId: mandate.id, productId: product.id })
                  }}
                >
                  <X aria-hidden className="size-4" />
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
    </Card>
  )
}
