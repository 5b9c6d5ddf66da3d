import { useCallback, useState } from 'react'
import { createPortal } from 'react-dom'
import { MessageSquarePlus } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { INTERACTION_KINDS } from '../../../../shared/schemas/interaction.ts'
import { buttonStyles } from '../../../components/ui/button.tsx'
import { Menu, MenuItem } from '../../../components/ui/menu.tsx'
import { useViewer } from '../../auth/hooks/use-viewer.ts'
import { KIND_ICONS, type ActivitySubject, type InteractionKind } from '../activity-kinds.ts'
import { useLogShortcut } from '../hooks/use-log-shortcut.ts'
import { LogActivityDialog } from './log-activity-dialog.tsx'

interface LogActivityButtonProps {
  subject: ActivitySubject
  /** Record pages listen for the "A" shortcut; a card on a board does not. */
  shortcut?: boolean
  /** A compact icon trigger (pipeline cards). */
  compact?: boolean
}

/** "Enregistrer une activité" → Appel, E-mail, Rendez-vous or Note: two clicks to the form. */
export function LogActivityButton({ subject, shortcut = false, compact = false }: LogActivityButtonProps) {
  const { t } = useTranslation()
  const viewer = useViewer()
  const [kind, setKind] = useState<InteractionKind | null>(null)
  const openCall = useCallback(() => setKind('CALL'), [])
  useLogShortcut(shortcut ? openCall : undefined)

  return (
    <>
      <Menu
        label={t('activity.menu.label')}
        // With its text shown, the trigger is named by it (WCAG 2.5.3); the shortcut is announced apart.
        triggerLabel={compact ? undefined : 'content'}
        align={compact ? 'end' : 'start'}
        triggerClassName={
          compact
            ? buttonStyles({
                variant: 'ghost',
                size: 'icon',
                // Like the card's other button: shown on hover, focus, touch screens, or while open.
                className:
                  'size-7 text-zinc-500 opacity-0 group-hover:opacity-100 group-focus-within:opacity-100 focus-visible:opacity-100 aria-expanded:opacity-100 pointer-coarse:opacity-100 dark:text-zinc-400',
              })
            : buttonStyles({ variant: 'secondary', size: 'sm' })
        }
        trigger={
          compact ? (
            <MessageSquarePlus aria-hidden className="size-3.5" />
          ) : (
            <>
              <MessageSquarePlus aria-hidden className="size-4" />
              {t('activity.menu.label')}
              {shortcut && (
                <kbd aria-hidden className="ml-1 hidden rounded border border-zinc-300 px-1 text-[0.625rem] font-normal text-zinc-600 sm:inline dark:border-zinc-600 dark:text-zinc-300">
                  A
                </kbd>
              )}
            </>
          )
        }
      >
        {INTERACTION_KINDS.map((value) => (
          <MenuItem key={value} icon={KIND_ICONS[value]} onSelect={() => setKind(value)}>
            {t(`activity.kinds.${value}`)}
          </MenuItem>
        ))}
      </Menu>
      {/* In the body, not inside the trigger's container (a draggable card must not hold the form). */}
      {kind &&
        createPortal(
          <LogActivityDialog subject={subject} kind={kind} viewerId={viewer.id} onClose={() => setKind(null)} />,
          document.body,
        )}
    </>
  )
}
