import { useTranslation } from 'react-i18next'

const TARGET_ID = 'main-content'

export function SkipLink() {
  const { t } = useTranslation()
  return (
    <a
      href={`#${TARGET_ID}`}
      // Moving focus directly keeps the URL (and the router) out of it.
      onClick={(event) => {
        event.preventDefault()
        document.getElementById(TARGET_ID)?.focus()
      }}
      className="sr-only z-50 rounded-lg bg-indigo-600 px-4 py-2 text-sm font-medium text-white focus:not-sr-only focus:fixed focus:top-3 focus:left-3 focus:outline-2 focus:outline-offset-2 focus:outline-indigo-500"
    >
      {t('app.skipToContent')}
    </a>
  )
}
