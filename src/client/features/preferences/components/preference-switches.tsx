import { useTranslation } from 'react-i18next'
import { SegmentedControl } from '../../../components/ui/segmented-control.tsx'
import { usePreferences } from '../hooks/use-preferences.ts'
import { LANGUAGE_OPTIONS, THEME_ICONS, THEME_OPTIONS } from '../options.ts'

/** Theme and language for visitors who are not signed in (remembered on this device only). */
export function PreferenceSwitches() {
  const { t } = useTranslation()
  const preferences = usePreferences({ saveToAccount: false })
  return (
    <div className="flex flex-wrap items-center gap-2">
      <SegmentedControl
        legend={t('language.label')}
        value={preferences.language}
        onChange={preferences.setLanguage}
        options={LANGUAGE_OPTIONS.map((language) => ({
          value: language,
          label: t(`language.${language}`),
          shortLabel: language.toUpperCase(),
        }))}
      />
      <SegmentedControl
        legend={t('theme.label')}
        iconOnly
        value={preferences.theme}
        onChange={preferences.setTheme}
        options={THEME_OPTIONS.map((theme) => ({ value: theme, label: t(`theme.${theme}`), icon: THEME_ICONS[theme] }))}
      />
    </div>
  )
}
