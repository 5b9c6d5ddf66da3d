import { useEffect } from 'react'
import { X } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { Alert } from '../../../components/ui/alert.tsx'
import { focusRing } from '../../../components/ui/button.tsx'
import { cn } from '../../../lib/cn.ts'
import type { MoveNotice } from '../hooks/use-move-card.ts'

const SHOWN_MS = 10_000

/** Why a move was refused, floating over the board until read or dismissed. */
export function MoveNoticeToast({ notice, onDismiss }: { notice: MoveNotice; onDismiss: () => void }) {
  const { t } = useTranslation()

  useEffect(() => {
    const timer = setTimeout(onDismiss, SHOWN_MS)
    return () => clearTimeout(timer)
  }, [notice, onDismiss])

  return (
    <div className="fixed right-4 bottom-4 z-40 w-[min(26rem,calc(100vw-2rem))] rounded-lg bg-white shadow-lg dark:bg-zinc-900">
      <Alert tone={notice.tone} title={notice.title} data-testid="pipeline-notice" className="pr-11">
        {notice.message}
      </Alert>
      <button
        type="button"
        aria-label={t('pipeline.moves.dismiss')}
        onClick={onDismiss}
        className={cn(
          'absolute top-2 right-2 flex size-7 items-center justify-center rounded-md opacity-70 hover:opacity-100',
          notice.tone === 'warning' ? 'text-amber-900 dark:text-amber-200' : 'text-red-800 dark:text-red-200',
          focusRing,
        )}
      >
        <X aria-hidden className="size-4" />
      </button>
    </div>
  )
}
