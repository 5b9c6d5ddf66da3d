import { Link } from '@tanstack/react-router'
import { Compass } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { buttonStyles } from '../../../components/ui/button.tsx'
import { useDocumentTitle } from '../../../lib/use-document-title.ts'
import { StatusScreen } from './status-screen.tsx'

export function NotFound() {
  const { t } = useTranslation()
  useDocumentTitle(t('errors.notFoundTitle'))
  return (
    <StatusScreen
      data-testid="not-found"
      icon={Compass}
      eyebrow={t('errors.notFoundCode')}
      title={t('errors.notFoundTitle')}
      description={t('errors.notFoundText')}
      actions={
        <Link to="/" className={buttonStyles()}>
          {t('common.backHome')}
        </Link>
      }
    />
  )
}
