import { useTranslation } from 'react-i18next'
import { BulkActions, bulkCallsOf, ownerMenu, useBulkSetup } from '../../../components/list-page/bulk-actions.tsx'
import type { Selection } from '../../../components/list-page/selection.ts'

/** Assign an owner to, or delete, every ticked person at once, with "Annuler". */
export function PersonBulkActions({ selection, owners }: { selection: Selection; owners: readonly { id: string; name: string }[] }) {
  const { t } = useTranslation()
  const { trpc, client, canDelete, refresh } = useBulkSetup()
  return (
    <BulkActions
      selection={selection}
      menus={[ownerMenu({ menu: t('list.bulk.owner'), nobody: t('list.bulk.noOwner') }, owners, (ownerId) => ({ ownerId }))]}
      calls={bulkCallsOf(client.people, canDelete)}
      refresh={() => refresh(trpc.people.pathFilter())}
    />
  )
}
