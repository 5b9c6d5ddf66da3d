import { Component, type ReactNode } from 'react'
import { RefreshCw, TriangleAlert } from 'lucide-react'
import i18next from 'i18next'
import { Button } from '../../../components/ui/button.tsx'
import { reportError } from '../../../lib/sentry.ts'
import { StatusScreen } from './status-screen.tsx'

/**
 * The last safety net: a rendering error anywhere outside a route's own error screen shows a calm
 * page with "Recharger" (reported once to Sentry when it is on) instead of a blank window.
 */
export class AppErrorBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false }

  static getDerivedStateFromError() {
    return { failed: true }
  }

  override componentDidCatch(error: unknown) {
    reportError(error)
  }

  override render() {
    if (!this.state.failed) return this.props.children
    // i18next directly: this page must render even when React context is what broke.
    return (
      <StatusScreen
        data-testid="app-crash"
        tone="danger"
        icon={TriangleAlert}
        title={i18next.t('errors.crashTitle')}
        description={i18next.t('errors.crashText')}
        actions={
          <Button onClick={() => window.location.reload()}>
            <RefreshCw aria-hidden className="size-4" />
            {i18next.t('errors.reload')}
          </Button>
        }
      />
    )
  }
}
