import { useState, type FormEvent } from 'react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { Bookmark, Save, Trash2 } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import type { SavedViewList } from '../../../shared/schemas/saved-view.ts'
import { errorKind } from '../../lib/errors.ts'
import { useTRPC, type RouterOutputs } from '../../lib/trpc.ts'
import { useViewer } from '../../features/auth/hooks/use-viewer.ts'
import { Alert } from '../ui/alert.tsx'
import { buttonStyles } from '../ui/button.tsx'
import { CheckboxField } from '../ui/checkbox.tsx'
import { Menu, MenuGroup, MenuItem, MenuRadioItem, MenuSeparator } from '../ui/menu.tsx'
import { TextField } from '../ui/text-field.tsx'
import { RecordFormDialog } from '../record-form/record-form-dialog.tsx'

export type SavedView = RouterOutputs['savedViews']['list'][number]

interface SavedViewsProps {
  list: SavedViewList
  /** What a new view records: the list's address-bar state and the columns hidden. */
  current: { search: Record<string, unknown>; hiddenColumns: readonly string[] }
  onApply: (view: SavedView) => void
}

/** Named filters + sort + columns, per user, optionally shared with the team. */
export function SavedViews({ list, current, onApply }: SavedViewsProps) {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const viewer = useViewer()
  const views = useQuery(trpc.savedViews.list.queryOptions({ list }))
  const [activeId, setActiveId] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)
  const mine = views.data?.filter((view) => view.userId === viewer.id) ?? []
  const team = views.data?.filter((view) => view.userId !== viewer.id) ?? []
  const active = views.data?.find((view) => view.id === activeId)

  const remove = useMutation(
    trpc.savedViews.delete.mutationOptions({
      onSuccess: async () => {
        setActiveId(null)
        await queryClient.invalidateQueries(trpc.savedViews.list.queryFilter({ list }))
      },
    }),
  )

  const choose = (view: SavedView) => {
    setActiveId(view.id)
    onApply(view)
  }

  return (
    <>
      <Menu
        label={t('list.views.label')}
        triggerLabel={active ? t('list.views.triggerLabel', { name: active.name }) : undefined}
        align="end"
        triggerClassName={buttonStyles({ variant: 'secondary', className: 'max-w-56' })}
        trigger={
          <>
            <Bookmark aria-hidden className="size-4" />
            <span className="truncate" data-testid="saved-view-current">
              {active?.name ?? t('list.views.label')}
            </span>
          </>
        }
      >
        {views.data?.length === 0 && <p className="px-2.5 py-2 text-sm text-zinc-600 dark:text-zinc-400">{t('list.views.none')}</p>}
        {mine.length > 0 && (
          <MenuGroup label={t('list.views.mine')}>
            {mine.map((view) => (
              <MenuRadioItem key={view.id} checked={view.id === activeId} onSelect={() => choose(view)}>
                {view.name}
                {view.shared && <span className="ml-2 text-xs text-zinc-600 dark:text-zinc-400">· {t('list.views.shared')}</span>}
              </MenuRadioItem>
            ))}
          </MenuGroup>
        )}
        {team.length > 0 && (
          <MenuGroup label={t('list.views.team')}>
            {team.map((view) => (
              <MenuRadioItem key={view.id} checked={view.id === activeId} onSelect={() => choose(view)}>
                {view.name}
                <span className="ml-2 text-xs text-zinc-600 dark:text-zinc-400">{t('list.views.by', { name: view.user.name })}</span>
              </MenuRadioItem>
            ))}
          </MenuGroup>
        )}
        <MenuSeparator />
        <MenuItem icon={Save} onSelect={() => setSaving(true)}>
          {t('list.views.save')}
        </MenuItem>
        {active && active.userId === viewer.id && (
          <MenuItem icon={Trash2} onSelect={() => remove.mutate({ id: active.id })}>
            {t('list.views.delete', { name: active.name })}
          </MenuItem>
        )}
      </Menu>
      {saving && (
        <SaveViewDialog
          list={list}
          current={current}
          onClose={() => setSaving(false)}
          onSaved={(view) => {
            setSaving(false)
            setActiveId(view.id)
          }}
        />
      )}
    </>
  )
}

function SaveViewDialog({
  list,
  current,
  onClose,
  onSaved,
}: Pick<SavedViewsProps, 'list' | 'current'> & { onClose: () => void; onSaved: (view: SavedView) => void }) {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const [name, setName] = useState('')
  const [shared, setShared] = useState(false)
  const [nameError, setNameError] = useState<string | null>(null)
  const create = useMutation(
    trpc.savedViews.create.mutationOptions({
      onSuccess: async (view) => {
        await queryClient.invalidateQueries(trpc.savedViews.list.queryFilter({ list }))
        onSaved(view)
      },
      onError: (error) => setNameError(errorKind(error) === 'conflict' ? t('list.views.nameTaken') : null),
    }),
  )
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    if (!name.trim()) {
      setNameError(t('common.required'))
      return
    }
    setNameError(null)
    create.mutate({ list, name: name.trim(), search: current.search, hiddenColumns: [...current.hiddenColumns], shared })
  }
  return (
    <RecordFormDialog
      title={t('list.views.saveTitle')}
      description={t('list.views.saveText')}
      cancelLabel={t('list.views.cancel')}
      submitLabel={t('list.views.submit')}
      pending={create.isPending}
      size="sm"
      onClose={onClose}
      onSubmit={onSubmit}
      data-testid="saved-view-dialog"
    >
      {create.isError && !nameError && <Alert tone="error">{t('errors.server')}</Alert>}
      <TextField
        label={t('list.views.name')}
        name="name"
        value={name}
        maxLength={80}
        autoFocus
        errors={nameError ? [nameError] : undefined}
        onChange={(event) => setName(event.currentTarget.value)}
      />
      <CheckboxField
        label={t('list.views.share')}
        description={t('list.views.shareHint')}
        checked={shared}
        onChange={(event) => setShared(event.currentTarget.checked)}
      />
    </RecordFormDialog>
  )
}
