import { useState } from 'react'
import { useMutation, useQueryClient, useSuspenseQuery } from '@tanstack/react-query'
import { Link, useNavigate } from '@tanstack/react-router'
import { ArrowLeft, FileSignature, Pencil, Trash2 } from 'lucide-react'
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
import { MANDATE_STATUS_TONES, type MandateDetail } from '../mandate-display.ts'
import { mandateErrorKey } from '../mandate-errors.ts'
import { MandateFormDialog } from './mandate-form-dialog.tsx'
import { MandateProductsCard } from './mandate-products-card.tsx'
import { MandateStatusCard } from './mandate-status-card.tsx'

const linkClassName = cn('rounded font-medium text-indigo-600 hover:underline dark:text-indigo-400', focusRing)

export function MandatePage({ mandateId }: { mandateId: string }) {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const navigate = useNavigate()
  const viewer = useViewer()
  const canWrite = can(viewer.role, 'record:write')
  const { data: mandate } = useSuspenseQuery(trpc.mandates.byId.queryOptions({ id: mandateId }))
  const [editing, setEditing] = useState(false)
  const [deleting, setDeleting] = useState(false)

  const remove = useMutation(
    trpc.mandates.delete.mutationOptions({
      onSuccess: async () => {
        setDeleting(false)
        await navigate({ to: '/mandates' })
        queryClient.removeQueries(trpc.mandates.byId.queryFilter({ id: mandateId }))
        await Promise.all([
          queryClient.invalidateQueries(trpc.mandates.list.pathFilter()),
          queryClient.invalidateQueries(trpc.products.pathFilter()),
        ])
      },
      onError: (error) => {
        const current = (error.data?.details as { current?: MandateDetail } | null)?.current
        if (current) queryClient.setQueryData(trpc.mandates.byId.queryKey({ id: mandateId }), current)
      },
    }),
  )

  return (
    <div className="space-y-6">
      <Link
        to="/mandates"
        className={cn(
          'inline-flex items-center gap-1.5 rounded text-sm font-medium text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-white',
          focusRing,
        )}
      >
        <ArrowLeft aria-hidden className="size-4" />
        {t('mandate.detail.back')}
      </Link>

      <PageHeader
        title={mandate.organisation.name}
        icon={FileSignature}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <span>{[t(`mandate.types.${mandate.type}`), mandate.reference].filter(Boolean).join(' · ')}</span>
            <StatusBadge tone={MANDATE_STATUS_TONES[mandate.status]} dot data-testid="mandate-status-badge">
              {t(`mandate.statuses.${mandate.status}`)}
            </StatusBadge>
          </span>
        }
        actions={
          <>
            {canWrite && (
              <Button variant="secondary" onClick={() => setEditing(true)}>
                <Pencil aria-hidden className="size-4" />
                {t('mandate.detail.edit')}
              </Button>
            )}
            {can(viewer.role, 'record:delete') && (
              <Button variant="secondary" onClick={() => setDeleting(true)}>
                <Trash2 aria-hidden className="size-4" />
                {t('mandate.detail.delete')}
              </Button>
            )}
          </>
        }
      />

      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6">
          <MandateStatusCard mandate={mandate} canWrite={canWrite} />
          <Card>
            <CardHeader>
              <CardTitle>{t('mandate.detail.information')}</CardTitle>
            </CardHeader>
            <CardContent>
              <DescriptionList className="sm:grid-cols-2 lg:grid-cols-1">
                <DescriptionItem label={t('mandate.columns.organisation')}>
                  <Link to="/organisations/$id" params={{ id: mandate.organisation.id }} className={linkClassName}>
                    {mandate.organisation.name}
                  </Link>
                </DescriptionItem>
                <DescriptionItem label={t('mandate.columns.reference')}>{mandate.reference}</DescriptionItem>
                <DescriptionItem label={t('mandate.columns.type')}>
                  {t(`mandate.types.${mandate.type}`)}
                </DescriptionItem>
                <DescriptionItem label={t('mandate.columns.startDate')}>
                  {mandate.startDate && <FormattedDate value={mandate.startDate} format="calendar" />}
                </DescriptionItem>
                <DescriptionItem label={t('mandate.columns.endDate')}>
                  {mandate.endDate && <FormattedDate value={mandate.endDate} format="calendar" />}
                </DescriptionItem>
                <DescriptionItem label={t('mandate.detail.owner')}>{mandate.owner?.name}</DescriptionItem>
                <DescriptionItem label={t('mandate.detail.team')}>{mandate.team.name}</DescriptionItem>
                <DescriptionItem label={t('mandate.detail.notes')} wide>
                  {mandate.notes && <span className="whitespace-pre-line">{mandate.notes}</span>}
                </DescriptionItem>
              </DescriptionList>
            </CardContent>
          </Card>
        </div>
        <MandateProductsCard mandate={mandate} canWrite={canWrite} className="self-start lg:col-span-2" />
      </div>

      <MandateFormDialog open={editing} onClose={() => setEditing(false)} mandate={mandate} />
      <ConfirmDialog
        open={deleting}
        title={t('mandate.detail.deleteTitle')}
        description={t('mandate.detail.deleteText', { name: mandate.organisation.name })}
        confirmLabel={t('mandate.detail.deleteConfirm')}
        cancelLabel={t('mandate.form.cancel')}
        tone="danger"
        loading={remove.isPending}
        onConfirm={() => remove.mutate({ id: mandate.id, version: mandate.version })}
        onCancel={() => {
          setDeleting(false)
          remove.reset()
        }}
        error={remove.error && <Alert tone="error">{t(mandateErrorKey(remove.error) ?? 'errors.server')}</Alert>}
      />
    </div>
  )
}
