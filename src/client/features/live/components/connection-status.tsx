import { useEffect, useState } from 'react'
import { WifiOff } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { useConnectionStatus } from '../hooks/use-live-events.ts'

// Socket.IO usually reconnects within a second: only a lasting outage is worth a word.
const GRACE_MS = 1_500

/** A subtle top-bar notice while the live connection is down and being re-established. */
export function ConnectionStatus() {
  const { t } = useTranslation()
  const status = useConnectionStatus()
  const [visible, setVisible] = useState(false)

  useEffect(() => {
    if (status !== 'offline') {
      setVisible(false)
      return
    }
    const timer = setTimeout(() => setVisible(true), GRACE_MS)
    return () => clearTimeout(timer)
  }, [status])

  return (
    <div role="status" aria-live="polite" className="flex min-w-0 items-center">
      {visible && (
        <span
          data-testid="connection-offline"
          className="inline-flex max-w-full items-center gap-1.5 truncate rounded-full bg-amber-50 px-2.5 py-1 text-xs font-medium text-amber-800 ring-1 ring-amber-200 ring-inset dark:bg-amber-500/10 dark:text-amber-200 dark:ring-amber-500/30"
        >
          <WifiOff aria-hidden className="size-3.5 shrink-0" />
          <span className="truncate">{t('notification.connection.offline')}</span>
        </span>
      )}
    </div>
  )
}
