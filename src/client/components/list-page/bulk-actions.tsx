import { useState, type ReactNode } from 'react'
import { useMutation, useQueryClient, type QueryFilters } from '@tanstack/react-query'
import { Trash2, UserRound, type LucideIcon } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { can } from '../../../shared/permissions.ts'
import { BULK_MAX } from '../../../shared/schemas/bulk.ts'
import { useViewer } from '../../features/auth/hooks/use-viewer.ts'
import { useTRPC, useTRPCClient } from '../../lib/trpc.ts'
import { errorKind } from '../../lib/errors.ts'
import { Button, buttonStyles } from '../ui/button.tsx'
import { ConfirmDialog } from '../ui/dialog.tsx'
import { Menu, MenuItem } from '../ui/menu.tsx'
import { showToast } from '../ui/toast.tsx'
import type { Selection } from './selection.ts'
import { SelectionBar } from './selection-bar.tsx'

/** A menu of the selection bar: each choice applies one patch to every ticked record. */
export interface BulkMenu<Patch> {
  label: string
  icon: LucideIcon
  choices: readonly { label: string; patch: Patch }[]
}

/** The "Responsable" menu of lists whose records have an owner: each member, then nobody. */
export function ownerMenu<Patch>(
  labels: { menu: string; nobody: string },
  owners: readonly { id: string; name: string }[],
  patchOf: (ownerId: string | null) => Patch,
): BulkMenu<Patch> {
  return {
    label: labels.menu,
    icon: UserRound,
    choices: [...owners.map((owner) => ({ label: owner.name, patch: patchOf(owner.id) })), { label: labels.nobody, patch: patchOf(null) }],
  }
}

interface BulkProcedures<Patch, Previous> {
  bulkUpdate: { mutate: (input: { ids: string[]; patch: Patch }) => Promise<BulkOutcome<Previous>> }
  bulkRestore: { mutate: (input: { items: Previous[] }) => Promise<{ count: number }> }
  bulkDelete: { mutate: (input: { ids: string[] }) => Promise<{ count: number }> }
}

/** A list router's bulk procedures as the bar's calls; delete only for the roles that may. */
export function bulkCallsOf<Patch, Previous>(procedures: BulkProcedures<Patch, Previous>, canDelete: boolean): BulkCalls<Patch, Previous> {
  return {
    update: (input) => procedures.bulkUpdate.mutate(input),
    restore: (input) => procedures.bulkRestore.mutate(input),
    remove: canDelete ? (input) => procedures.bulkDelete.mutate(input) : undefined,
  }
}

/** What every list's bulk bar needs: the API, the viewer's right to delete, a refetch of some queries. */
export function useBulkSetup() {
  const trpc = useTRPC()
  const client = useTRPCClient()
  const queryClient = useQueryClient()
  const viewer = useViewer()
  return {
    trpc,
    client,
    canDelete: can(viewer.role, 'record:delete'),
    refresh: (...filters: QueryFilters[]) => Promise.all(filters.map((filter) => queryClient.invalidateQueries(filter))),
  }
}

interface BulkOutcome<Previous> {
  count: number
  previous: Previous[]
}

/** The list's bulk procedures, as plain calls (`client.tasks.bulkUpdate.mutate`…). */
export interface BulkCalls<Patch, Previous> {
  update: (input: { ids: string[]; patch: Patch }) => Promise<BulkOutcome<Previous>>
  restore: (input: { items: Previous[] }) => Promise<{ count: number }>
  /** Offered only to the roles that may delete (the server checks again). */
  remove?: (input: { ids: string[] }) => Promise<{ count: number }>
}

interface BulkActionsProps<Patch, Previous> {
  selection: Selection
  menus: readonly BulkMenu<Patch>[]
  calls: BulkCalls<Patch, Previous>
  /** What the delete confirmation says ("Supprimer 3 tâches ?" and what goes with them). */
  deleteText?: { title: (count: number) => string; description: string }
  /** Refetches what shows the records (list, board…) once a change is committed. */
  refresh: () => Promise<unknown>
  /** More tools in the bar, given the way to apply a patch (the organisations' tag dialog). */
  children?: (apply: (patch: Patch) => void) => ReactNode
}

const menuTrigger = buttonStyles({ variant: 'secondary', size: 'sm' })

/**
 * The selection bar of every list: menus that change every ticked record at once (one transaction
 * on the server), a progress bar while it runs, and a toast with "Annuler" that puts them back.
 */
export function BulkActions<Patch, Previous>({ selection, menus, calls, deleteText, refresh, children }: BulkActionsProps<Patch, Previous>) {
  const { t } = useTranslation()
  const [deleting, setDeleting] = useState(false)
  const ids = [...selection.ids]
  const failure = (error: unknown) =>
    showToast({ tone: 'error', message: errorKind(error) === 'notFound' ? t('list.bulk.notFound') : t('list.bulk.failed') })

  const restore = useMutation({
    mutationFn: calls.restore,
    onSuccess: async (result) => {
      showToast({ message: t('list.bulk.undone', { count: result.count }) })
      await refresh()
    },
    onError: failure,
  })
  const update = useMutation({
    mutationFn: calls.update,
    onSuccess: async (result) => {
      selection.clear()
      showToast({
        message: t('list.bulk.done', { count: result.count }),
        onUndo: result.previous.length ? () => restore.mutate({ items: result.previous }) : undefined,
      })
      await refresh()
    },
    onError: failure,
  })
  const remove = useMutation({
    mutationFn: (input: { ids: string[] }) => calls.remove!(input),
    onSuccess: async (result) => {
      selection.clear()
      setDeleting(false)
      showToast({ message: t('list.bulk.deleted', { count: result.count }) })
      await refresh()
    },
    onError: (error) => {
      setDeleting(false)
      failure(error)
    },
  })

  const apply = (patch: Patch) => update.mutate({ ids, patch })
  const busy = update.isPending
    ? t('list.bulk.working', { count: ids.length })
    : remove.isPending
      ? t('list.bulk.deleting', { count: ids.length })
      : null

  return (
    <>
      <SelectionBar count={ids.length} onClear={selection.clear} busy={busy}>
        {ids.length > BULK_MAX ? (
          <p className="text-sm text-red-800 dark:text-red-200">{t('list.bulk.tooMany', { max: BULK_MAX })}</p>
        ) : (
          <>
            {menus.map(({ label, icon: Icon, choices }) => (
              <Menu
                key={label}
                label={label}
                align="start"
                triggerClassName={menuTrigger}
                trigger={
                  <>
                    <Icon aria-hidden className="size-4" />
                    {label}
                  </>
                }
              >
                {choices.map((choice) => (
                  <MenuItem key={choice.label} onSelect={() => apply(choice.patch)}>
                    {choice.label}
                  </MenuItem>
                ))}
              </Menu>
            ))}
            {children?.(apply)}
            {calls.remove && (
              <Button variant="secondary" size="sm" onClick={() => setDeleting(true)}>
                <Trash2 aria-hidden className="size-4" />
                {t('list.bulk.delete')}
              </Button>
            )}
          </>
        )}
      </SelectionBar>
      <ConfirmDialog
        open={deleting}
        title={deleteText?.title(ids.length) ?? t('list.bulk.deleteRecordsTitle', { count: ids.length })}
        description={deleteText?.description ?? t('list.bulk.deleteRecordsText')}
        confirmLabel={t('list.bulk.deleteConfirm')}
        cancelLabel={t('list.bulk.cancel')}
        tone="danger"
        loading={remove.isPending}
        onConfirm={() => remove.mutate({ ids })}
        onCancel={() => setDeleting(false)}
      />
    </>
  )
}
