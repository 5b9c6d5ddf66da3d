import { BellRing, SquareKanban, Users } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { Logo } from '../../../components/ui/logo.tsx'
import { useDocumentTitle } from '../../../lib/use-document-title.ts'
import { PreferenceSwitches } from '../../preferences/components/preference-switches.tsx'
import { BrandPanel } from './brand-panel.tsx'
import { LoginForm } from './login-form.tsx'

export function LoginPage({ redirectTo }: { redirectTo?: string }) {
  const { t } = useTranslation()
  useDocumentTitle(t('login.documentTitle'))
  return (
    <div className="grid min-h-dvh lg:grid-cols-[minmax(0,1.1fr)_minmax(0,1fr)]">
      <BrandPanel
        points={[
          { icon: SquareKanban, text: t('login.heroPoints.pipeline') },
          { icon: Users, text: t('login.heroPoints.collaboration') },
          { icon: BellRing, text: t('login.heroPoints.notifications') },
        ]}
      />
      <main className="flex flex-col px-5 py-6 sm:px-10 lg:px-16">
        <div className="flex flex-wrap items-center justify-between gap-3 lg:justify-end">
          <Logo className="whitespace-nowrap lg:hidden" />
          <PreferenceSwitches />
        </div>
        <div className="flex flex-1 items-center justify-center py-12">
          <div className="w-full max-w-sm">
            <h1 className="text-2xl font-semibold tracking-tight text-zinc-900 sm:text-3xl dark:text-white">
              {t('login.title')}
            </h1>
            <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">{t('login.subtitle')}</p>
            <div className="mt-8">
              <LoginForm redirectTo={redirectTo} />
            </div>
          </div>
        </div>
        <p className="text-center text-xs text-zinc-500 dark:text-zinc-400">{t('login.footer')}</p>
      </main>
    </div>
  )
}
