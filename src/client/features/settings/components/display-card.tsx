import { useTranslation } from 'react-i18next'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '../../../components/ui/card.tsx'
import { SegmentedControl } from '../../../components/ui/segmented-control.tsx'
import { usePreferences } from '../../preferences/hooks/use-preferences.ts'
import { LANGUAGE_OPTIONS, THEME_ICONS, THEME_OPTIONS } from '../../preferences/options.ts'

/** Language and theme, saved to the account (the user menu offers the same quick switch). */
export function DisplayCard() {
  const { t } = useTranslation()
  const preferences = usePreferences({ saveToAccount: true })
  return (
    <Card data-testid="settings-display">
      <CardHeader>
        <CardTitle>{t('settings.display.title')}</CardTitle>
        <CardDescription>{t('settings.display.text')}</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-wrap gap-6">
        <SegmentedControl
          legend={t('language.label')}
          value={preferences.language}
          onChange={preferences.setLanguage}
          options={LANGUAGE_OPTIONS.map((language) => ({ value: language, label: t(`language.${language}`) }))}
        />
        <SegmentedControl
          legend={t('theme.label')}
          value={preferences.theme}
          onChange={preferences.setTheme}
          options={THEME_OPTIONS.map((theme) => ({ value: theme, label: t(`theme.${theme}`), icon: THEME_ICONS[theme] }))}
        />
      </CardContent>
    </Card>
  )
}
