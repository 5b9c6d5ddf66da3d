import { useCallback, useEffect, useRef, useState } from 'react'
import { Outlet } from '@tanstack/react-router'
import { Menu as MenuIcon } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { Button } from '../../../components/ui/button.tsx'
import { Logo } from '../../../components/ui/logo.tsx'
import { Toaster } from '../../../components/ui/toast.tsx'
import { connectSocket, disconnectSocket } from '../../../lib/socket.ts'
import { useOwnProfileLive } from '../../auth/hooks/use-own-profile-live.ts'
import { useViewer } from '../../auth/hooks/use-viewer.ts'
import { NotificationBell } from '../../notification/components/notification-bell.tsx'
import { useViewerPreferences } from '../../preferences/hooks/use-viewer-preferences.ts'
import { SearchButton } from '../../search/components/search-button.tsx'
import { SearchPalette } from '../../search/components/search-palette.tsx'
import { useSearchShortcut } from '../../search/hooks/use-search-shortcut.ts'
import { MobileNav } from './mobile-nav.tsx'
import { SidebarNav } from './sidebar-nav.tsx'
import { SkipLink } from './skip-link.tsx'
import { UserMenu } from './user-menu.tsx'

const MOBILE_NAV_ID = 'mobile-navigation'

export function AppLayout() {
  const { t } = useTranslation()
  const viewer = useViewer()
  const [navOpen, setNavOpen] = useState(false)
  const navToggleRef = useRef<HTMLButtonElement>(null)
  useViewerPreferences(viewer)
  useSearchShortcut()
  useOwnProfileLive(viewer.id)

  useEffect(() => {
    connectSocket()
    return () => disconnectSocket()
  }, [viewer.id])

  const closeNav = useCallback(() => {
    setNavOpen(false)
    navToggleRef.current?.focus()
  }, [])

  return (
    <div className="min-h-dvh">
      <SkipLink />
      <aside className="hidden border-r border-zinc-200 bg-white lg:fixed lg:inset-y-0 lg:flex lg:w-64 lg:flex-col dark:border-zinc-800 dark:bg-zinc-900">
        <div className="flex h-16 shrink-0 items-center border-b border-zinc-200 px-6 dark:border-zinc-800">
          <Logo />
        </div>
        <div className="flex-1 overflow-y-auto">
          <SidebarNav role={viewer.role} />
        </div>
      </aside>

      <div className="lg:pl-64">
        <header className="sticky top-0 z-30 flex h-16 items-center gap-3 border-b border-zinc-200 bg-white/95 px-4 sm:px-6 lg:px-8 dark:border-zinc-800 dark:bg-zinc-900/95">
          <Button
            ref={navToggleRef}
            variant="ghost"
            size="icon"
            className="-ml-2 lg:hidden"
            aria-label={t('nav.open')}
            aria-expanded={navOpen}
            aria-controls={navOpen ? MOBILE_NAV_ID : undefined}
            onClick={() => setNavOpen(true)}
          >
            <MenuIcon aria-hidden className="size-5" />
          </Button>
          <Logo className="whitespace-nowrap lg:hidden" />
          <div className="flex-1" />
          <SearchButton />
          <NotificationBell />
          <UserMenu viewer={viewer} />
        </header>

        <SearchPalette />
        {navOpen && <MobileNav id={MOBILE_NAV_ID} role={viewer.role} onClose={closeNav} />}

        <main id="main-content" tabIndex={-1} className="mx-auto w-full max-w-7xl px-4 py-8 outline-none sm:px-6 lg:px-8">
          <Outlet />
        </main>
      </div>
      <Toaster />
    </div>
  )
}
