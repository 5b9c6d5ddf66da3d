import { useNavigate } from '@tanstack/react-router'
import { ChevronsUpDown, KeyRound, LogOut, Settings } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { Avatar } from '../../../components/ui/avatar.tsx'
import { Badge } from '../../../components/ui/badge.tsx'
import { userColor } from '../../../../shared/realtime/collaboration.ts'
import { Menu, MenuGroup, MenuHeader, MenuItem, MenuRadioItem, MenuSeparator } from '../../../components/ui/menu.tsx'
import { useLogout } from '../../auth/hooks/use-logout.ts'
import type { Viewer } from '../../auth/viewer.ts'
import { usePreferences } from '../../preferences/hooks/use-preferences.ts'
import { LANGUAGE_OPTIONS, THEME_ICONS, THEME_OPTIONS } from '../../preferences/options.ts'

export function UserMenu({ viewer }: { viewer: Viewer }) {
  const { t } = useTranslation()
  const preferences = usePreferences({ saveToAccount: true })
  const logout = useLogout()
  const navigate = useNavigate()
  const role = t(`roles.${viewer.role}`)

  return (
    <Menu
      label={t('userMenu.label')}
      // Named by its content, so the name always holds the text shown (WCAG 2.5.3), whatever the width.
      triggerLabel="content"
      triggerClassName="flex items-center gap-2.5 rounded-full p-1 transition-colors hover:bg-zinc-100 sm:rounded-lg sm:pr-2 dark:hover:bg-zinc-800"
      trigger={
        <>
          <span aria-hidden>
            <Avatar name={viewer.name} color={userColor(viewer.id, viewer.avatarColor)} />
          </span>
          <span className="sr-only min-w-0 text-left sm:not-sr-only sm:block">
            <span className="block max-w-44 truncate text-sm font-medium text-zinc-900 dark:text-white">
              {viewer.name}
            </span>{' '}
            <span className="block text-xs text-zinc-500 dark:text-zinc-400">{role}</span>
          </span>
          <span className="sr-only">, {t('userMenu.label').toLowerCase()}</span>
          <ChevronsUpDown aria-hidden className="hidden size-4 text-zinc-400 sm:block" />
        </>
      }
    >
      <MenuHeader>
        <p className="truncate text-sm font-semibold text-zinc-900 dark:text-white" data-testid="user-menu-name">
          {viewer.name}
        </p>
        <p className="truncate text-xs text-zinc-500 dark:text-zinc-400">{viewer.email}</p>
        <div className="mt-2 flex flex-wrap gap-1.5">
          <Badge tone="accent" data-testid="user-menu-role">
            {role}
          </Badge>
          <Badge data-testid="user-menu-team">{viewer.teamName ?? t('userMenu.allTeams')}</Badge>
        </div>
      </MenuHeader>
      <MenuSeparator />
      <MenuGroup label={t('userMenu.theme')}>
        {THEME_OPTIONS.map((theme) => (
          <MenuRadioItem
            key={theme}
            icon={THEME_ICONS[theme]}
            checked={preferences.theme === theme}
            onSelect={() => preferences.setTheme(theme)}
          >
            {t(`theme.${theme}`)}
          </MenuRadioItem>
        ))}
      </MenuGroup>
      <MenuSeparator />
      <MenuGroup label={t('userMenu.language')}>
        {LANGUAGE_OPTIONS.map((language) => (
          <MenuRadioItem
            key={language}
            checked={preferences.language === language}
            onSelect={() => preferences.setLanguage(language)}
          >
            <span lang={language}>{t(`language.${language}`)}</span>
          </MenuRadioItem>
        ))}
      </MenuGroup>
      <MenuSeparator />
      <MenuItem icon={Settings} onSelect={() => void navigate({ to: '/settings' })}>
        {t('settings.menuItem')}
      </MenuItem>
      <MenuItem icon={KeyRound} onSelect={() => void navigate({ to: '/settings/tokens' })}>
        {t('admin.tokens.menuItem')}
      </MenuItem>
      <MenuItem icon={LogOut} onSelect={() => logout.mutate()}>
        {t('userMenu.logout')}
      </MenuItem>
    </Menu>
  )
}
