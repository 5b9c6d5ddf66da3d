import { Monitor, Moon, Sun, type LucideIcon } from 'lucide-react'
import { LANGUAGES, THEMES } from '../../../shared/schemas/auth.ts'
import type { Language } from '../../lib/i18n.ts'

export type Theme = (typeof THEMES)[number]

export const THEME_ICONS: Record<Theme, LucideIcon> = { light: Sun, dark: Moon, system: Monitor }

export const THEME_OPTIONS: readonly Theme[] = THEMES
export const LANGUAGE_OPTIONS: readonly Language[] = LANGUAGES

export function isTheme(value: unknown): value is Theme {
  return typeof value === 'string' && (THEMES as readonly string[]).includes(value)
}
