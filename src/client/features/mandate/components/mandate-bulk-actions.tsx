import { Activity } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { MANDATE_STATUSES } from '../../../../shared/schemas/mandate.ts'
import { BulkActions, bulkCallsOf, ownerMenu, useBulkSetup } from '../../../components/list-page/bulk-actions.tsx'
import type { Selection } from '../../../components/list-page/selection.ts'

/** Set the status or the owner of, or delete, every ticked mandate at once, with "Annuler". */
export function MandateBulkActions({ selection, owners }: { selection: Selection; owners: readonly { id: string; name: string }[] }) {
  const { t } = useTranslation()
  const { trpc, client, canDelete, refresh } = useBulkSetup()
  return (
    <BulkActions
      selection={selection}
      menus={[
        { label: t('list.bulk.status'), icon: Activity, choices: MANDATE_STATUSES.map((status) => ({ label: t(`mandate.statuses.${status}`), patch: { status } })) },
        ownerMenu({ menu: t('list.bulk.owner'), nobody: t('list.bulk.noOwner') }, owners, (ownerId) => ({ ownerId })),
      ]}
      calls={bulkCallsOf(client.mandates, canDelete)}
      refresh={() => refresh(trpc.mandates.pathFilter())}
    />
  )
}
