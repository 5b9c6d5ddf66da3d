import { useEffect, useRef } from 'react'
import { X } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import type { Role } from '../../../../shared/permissions.ts'
import { Button } from '../../../components/ui/button.tsx'
import { Logo } from '../../../components/ui/logo.tsx'
import { SidebarNav } from './sidebar-nav.tsx'

interface MobileNavProps {
  id: string
  role: Role
  onClose: () => void
}

/** The sidebar as a drawer on small screens: modal, closed by Escape, the backdrop or a link. */
export function MobileNav({ id, role, onClose }: MobileNavProps) {
  const { t } = useTranslation()
  const panelRef = useRef<HTMLDivElement>(null)

  useEffect(() => {
    panelRef.current?.querySelector<HTMLElement>('a[href]')?.focus()
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onClose()
    }
    document.addEventListener('keydown', onKeyDown)
    const { overflow } = document.body.style
    document.body.style.overflow = 'hidden'
    return () => {
      document.removeEventListener('keydown', onKeyDown)
      document.body.style.overflow = overflow
    }
  }, [onClose])

  return (
    <div className="fixed inset-0 z-40 lg:hidden">
      <div aria-hidden className="absolute inset-0 bg-zinc-950/60" onClick={onClose} />
      <div
        ref={panelRef}
        id={id}
        role="dialog"
        aria-modal="true"
        aria-label={t('nav.label')}
        className="absolute inset-y-0 left-0 flex w-72 max-w-[85vw] flex-col border-r border-zinc-200 bg-white shadow-xl dark:border-zinc-800 dark:bg-zinc-900"
      >
        <div className="flex h-16 items-center justify-between border-b border-zinc-200 px-4 dark:border-zinc-800">
          <Logo />
          <Button variant="ghost" size="icon" aria-label={t('nav.close')} onClick={onClose}>
            <X aria-hidden className="size-5" />
          </Button>
        </div>
        <div className="flex-1 overflow-y-auto">
          <SidebarNav role={role} onNavigate={onClose} />
        </div>
      </div>
    </div>
  )
}
