import { useState } from 'react'
import { useMutation, useQueryClient, useSuspenseQuery } from '@tanstack/react-query'
import { Link, useNavigate } from '@tanstack/react-router'
import { ArrowLeft, Package, Pencil, Trash2 } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { can } from '../../../../shared/permissions.ts'
import { Alert } from '../../../components/ui/alert.tsx'
import { Button, focusRing } from '../../../components/ui/button.tsx'
import { Card, CardContent, CardHeader, CardTitle } from '../../../components/ui/card.tsx'
import { DescriptionItem, DescriptionList } from '../../../components/ui/description-list.tsx'
import { ConfirmDialog } from '../../../components/ui/dialog.tsx'
import { FormattedDate } from '../../../components/ui/formatted-date.tsx'
import { StatusBadge } from '../../../components/ui/status-badge.tsx'
import { cn } from '../../../lib/cn.ts'
import { useTRPC } from '../../../lib/trpc.ts'
import { useViewer } from '../../auth/hooks/use-viewer.ts'
import { PageHeader } from '../../shell/components/page-header.tsx'
import { productErrorKey } from '../product-errors.ts'
import { ISIN_CLASS_NAME, PRODUCT_STATUS_TONES } from '../product-display.ts'
import { ProductFormDialog } from './product-form-dialog.tsx'
import { ProductMandates } from './product-mandates.tsx'

export function ProductPage({ productId }: { productId: string }) {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const navigate = useNavigate()
  const viewer = useViewer()
  const { data: product } = useSuspenseQuery(trpc.products.byId.queryOptions({ id: productId }))
  const [editing, setEditing] = useState(false)
  const [deleting, setDeleting] = useState(false)

  const remove = useMutation(
    trpc.products.delete.mutationOptions({
      onSuccess: async () => {
        setDeleting(false)
        await navigate({ to: '/products' })
        queryClient.removeQueries(trpc.products.byId.queryFilter({ id: productId }))
        await Promise.all([
          queryClient.invalidateQueries(trpc.products.list.pathFilter()),
          queryClient.invalidateQueries(trpc.mandates.pathFilter()),
        ])
      },
      onError: (error) => {
        const current = (error.data?.details as { current?: typeof product } | null)?.current
        if (current) queryClient.setQueryData(trpc.products.byId.queryKey({ id: productId }), current)
      },
    }),
  )

  return (
    <div className="space-y-6">
      <Link
        to="/products"
        className={cn(
          'inline-flex items-center gap-1.5 rounded text-sm font-medium text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-white',
          focusRing,
        )}
      >
        <ArrowLeft aria-hidden className="size-4" />
        {t('product.detail.back')}
      </Link>

      <PageHeader
        title={product.name}
        icon={Package}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <span className={ISIN_CLASS_NAME} data-testid="product-isin">
              {product.isin}
            </span>
            <StatusBadge tone={PRODUCT_STATUS_TONES[product.status]} dot>
              {t(`product.statuses.${product.status}`)}
            </StatusBadge>
          </span>
        }
        actions={
          <>
            {can(viewer.role, 'record:write') && (
              <Button variant="secondary" onClick={() => setEditing(true)}>
                <Pencil aria-hidden className="size-4" />
                {t('product.detail.edit')}
              </Button>
            )}
            {can(viewer.role, 'record:delete') && (
              <Button variant="secondary" onClick={() => setDeleting(true)}>
                <Trash2 aria-hidden className="size-4" />
                {t('product.detail.delete')}
              </Button>
            )}
          </>
        }
      />

      <div className="grid gap-6 lg:grid-cols-3">
        <Card className="self-start">
          <CardHeader>
            <CardTitle>{t('product.detail.information')}</CardTitle>
          </CardHeader>
          <CardContent>
            <DescriptionList className="sm:grid-cols-2 lg:grid-cols-1">
              <DescriptionItem label={t('product.columns.isin')}>
                <span className={ISIN_CLASS_NAME}>{product.isin}</span>
              </DescriptionItem>
              <DescriptionItem label={t('product.columns.kind')}>{t(`product.kinds.${product.kind}`)}</DescriptionItem>
              <DescriptionItem label={t('product.columns.currency')}>{product.currency}</DescriptionItem>
              <DescriptionItem label={t('product.detail.team')}>{product.team.name}</DescriptionItem>
              <DescriptionItem label={t('product.detail.createdAt')}>
                <FormattedDate value={product.createdAt} />
              </DescriptionItem>
              <DescriptionItem label={t('product.detail.updatedAt')}>
                <FormattedDate value={product.updatedAt} format="dateTime" />
              </DescriptionItem>
            </DescriptionList>
          </CardContent>
        </Card>
        <ProductMandates mandates={product.mandates} className="lg:col-span-2" />
      </div>

      <ProductFormDialog open={editing} onClose={() => setEditing(false)} product={product} />
      <ConfirmDialog
        open={deleting}
        title={t('product.detail.deleteTitle')}
        description={
          product.mandates.length
            ? t('product.detail.deleteTextLinked', { name: product.name, count: product.mandates.length })
            : t('product.detail.deleteText', { name: product.name })
        }
        confirmLabel={t('product.detail.deleteConfirm')}
        cancelLabel={t('product.form.cancel')}
        tone="danger"
        loading={remove.isPending}
        onConfirm={() => remove.mutate({ id: product.id, version: product.version })}
        onCancel={() => {
          setDeleting(false)
          remove.reset()
        }}
        error={remove.error && <Alert tone="error">{t(productErrorKey(remove.error) ?? 'errors.server')}</Alert>}
      />
    </div>
  )
}
