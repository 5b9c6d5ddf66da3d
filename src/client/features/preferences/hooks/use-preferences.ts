import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useTheme } from 'next-themes'
import { useTranslation } from 'react-i18next'
import { changeLanguage, isLanguage, DEFAULT_LANGUAGE, type Language } from '../../../lib/i18n.ts'
import { useTRPC } from '../../../lib/trpc.ts'
import { withoutTransitions } from '../../../lib/theme-switch.ts'
import { isTheme, type Theme } from '../options.ts'

/**
 * Theme and language: applied at once and remembered on this device; with `saveToAccount`, also
 * stored in the user's preferences so they follow the user to other devices.
 */
export function usePreferences({ saveToAccount }: { saveToAccount: boolean }) {
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const { theme, setTheme } = useTheme()
  const { i18n } = useTranslation()
  const save = useMutation(
    trpc.auth.updatePreferences.mutationOptions({
      onSuccess: (viewer) => queryClient.setQueryData(trpc.auth.me.queryKey(), viewer),
    }),
  )

  return {
    theme: isTheme(theme) ? theme : 'system',
    language: isLanguage(i18n.language) ? i18n.language : DEFAULT_LANGUAGE,
    setTheme(value: Theme) {
      withoutTransitions(() => setTheme(value))
      if (saveToAccount) save.mutate({ theme: value })
    },
    setLanguage(value: Language) {
      void changeLanguage(value)
      if (saveToAccount) save.mutate({ language: value })
    },
  }
}
