import { useEffect, useRef } from 'react'
import { useTheme } from 'next-themes'
import { changeLanguage, isLanguage } from '../../../lib/i18n.ts'
import type { Viewer } from '../../auth/viewer.ts'
import { withoutTransitions } from '../../../lib/theme-switch.ts'
import { isTheme } from '../options.ts'

/** The account's saved theme and language win once per sign-in, over what this device remembered. */
export function useViewerPreferences(viewer: Pick<Viewer, 'id' | 'theme' | 'language'>): void {
  const { setTheme } = useTheme()
  const appliedFor = useRef<string | null>(null)
  useEffect(() => {
    if (appliedFor.current === viewer.id) return
    appliedFor.current = viewer.id
    if (isTheme(viewer.theme)) withoutTransitions(() => setTheme(viewer.theme))
    if (isLanguage(viewer.language)) void changeLanguage(viewer.language)
  }, [viewer, setTheme])
}
