import i18next from 'i18next'
import { initReactI18next } from 'react-i18next'
import { z } from 'zod'
import { LANGUAGES } from '../../shared/schemas/auth.ts'
import { en } from '../locales/en.ts'
import { fr, type Messages } from '../locales/fr.ts'

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation'
    resources: { translation: Messages }
  }
}

export type Language = (typeof LANGUAGES)[number]

export const DEFAULT_LANGUAGE: Language = 'fr'
const STORAGE_KEY = 'alforis.language'

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value)
}

// Private browsing or a full quota must not break the app: storage is a convenience only.
function readStoredLanguage(): Language {
  try {
    const stored = localStorage.getItem(STORAGE_KEY)
    return isLanguage(stored) ? stored : DEFAULT_LANGUAGE
  } catch {
    return DEFAULT_LANGUAGE
  }
}

function storeLanguage(language: Language) {
  try {
    localStorage.setItem(STORAGE_KEY, language)
  } catch {
    // Ignored: see readStoredLanguage.
  }
}

/** Shared schemas produce their messages through zod's locale, so they follow the UI language. */
function applyLanguageSideEffects(language: Language) {
  z.config(language === 'fr' ? z.locales.fr() : z.locales.en())
  document.documentElement.lang = language
}

export async function initI18n(): Promise<void> {
  const language = readStoredLanguage()
  applyLanguageSideEffects(language)
  await i18next.use(initReactI18next).init({
    resources: { fr: { translation: fr }, en: { translation: en } },
    lng: language,
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: [...LANGUAGES],
    interpolation: { escapeValue: false },
    showSupportNotice: false,
  })
}

/** Switches the UI language and remembers it on this device (the login page has no account yet). */
export async function changeLanguage(language: Language): Promise<void> {
  storeLanguage(language)
  applyLanguageSideEffects(language)
  if (i18next.language !== language) await i18next.changeLanguage(language)
}
