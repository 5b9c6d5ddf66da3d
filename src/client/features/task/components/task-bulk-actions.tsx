import { Activity, Flag } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { TASK_PRIORITIES, TASK_STATUSES } from '../../../../shared/schemas/task.ts'
import { BulkActions, bulkCallsOf, ownerMenu, useBulkSetup } from '../../../components/list-page/bulk-actions.tsx'
import type { Selection } from '../../../components/list-page/selection.ts'

/** Assign, complete, reopen, reprioritise or delete every ticked task at once, with "Annuler". */
export function TaskBulkActions({ selection, members }: { selection: Selection; members: readonly { id: string; name: string }[] }) {
  const { t } = useTranslation()
  const { trpc, client, canDelete, refresh } = useBulkSetup()
  return (
    <BulkActions
      selection={selection}
      menus={[
        ownerMenu({ menu: t('list.bulk.assignee'), nobody: t('list.bulk.noAssignee') }, members, (assigneeId) => ({ assigneeId })),
        { label: t('list.bulk.status'), icon: Activity, choices: TASK_STATUSES.map((status) => ({ label: t(`task.statuses.${status}`), patch: { status } })) },
        { label: t('list.bulk.priority'), icon: Flag, choices: TASK_PRIORITIES.map((priority) => ({ label: t(`task.priorities.${priority}`), patch: { priority } })) },
      ]}
      calls={bulkCallsOf(client.tasks, canDelete)}
      refresh={() => refresh(trpc.tasks.pathFilter(), trpc.people.byId.pathFilter(), trpc.organisations.byId.pathFilter())}
    />
  )
}
