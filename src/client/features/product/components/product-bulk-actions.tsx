import { Activity } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { PRODUCT_STATUSES } from '../../../../shared/schemas/product.ts'
import { BulkActions, bulkCallsOf, useBulkSetup } from '../../../components/list-page/bulk-actions.tsx'
import type { Selection } from '../../../components/list-page/selection.ts'

/** Set the status of, or delete, every ticked product at once, with "Annuler". */
export function ProductBulkActions({ selection }: { selection: Selection }) {
  const { t } = useTranslation()
  const { trpc, client, canDelete, refresh } = useBulkSetup()
  return (
    <BulkActions
      selection={selection}
      menus={[{ label: t('list.bulk.status'), icon: Activity, choices: PRODUCT_STATUSES.map((status) => ({ label: t(`product.statuses.${status}`), patch: { status } })) }]}
      calls={bulkCallsOf(client.products, canDelete)}
      refresh={() => refresh(trpc.products.pathFilter())}
    />
  )
}
