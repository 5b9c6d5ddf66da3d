/** Without a key press, click, scroll or pointer move for this long, a user shows as idle. */
export const IDLE_AFTER_MS = 60_000

const ACTIVITY_EVENTS = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'scroll', 'focusin', 'touchstart'] as const

export type ActivityStatus = 'active' | 'idle'

/**
 * Calls `onChange` when the user goes idle (no activity for `idleAfterMs`, or the tab hidden) and
 * when they come back. Pointer moves are frequent: they only re-arm a timer, never re-render.
 */
export function trackActivity(
  onChange: (status: ActivityStatus) => void,
  { target = window, doc = document, idleAfterMs = IDLE_AFTER_MS }: { target?: Pick<Window, 'addEventListener' | 'removeEventListener'>; doc?: Document; idleAfterMs?: number } = {},
): () => void {
  let status: ActivityStatus = doc.visibilityState === 'hidden' ? 'idle' : 'active'
  let timer: ReturnType<typeof setTimeout> | undefined

  const set = (next: ActivityStatus) => {
    if (status === next) return
    status = next
    onChange(next)
  }
  const arm = () => {
    clearTimeout(timer)
    timer = setTimeout(() => set('idle'), idleAfterMs)
  }
  const onActivity = () => {
    if (doc.visibilityState === 'hidden') return
    arm()
    set('active')
  }
  const onVisibility = () => {
    if (doc.visibilityState === 'hidden') {
      clearTimeout(timer)
      set('idle')
    } else {
      onActivity()
    }
  }

  for (const name of ACTIVITY_EVENTS) target.addEventListener(name, onActivity, { passive: true, capture: true })
  doc.addEventListener('visibilitychange', onVisibility)
  if (status === 'active') arm()
  else onChange('idle')

  return () => {
    clearTimeout(timer)
    for (const name of ACTIVITY_EVENTS) target.removeEventListener(name, onActivity, { capture: true })
    doc.removeEventListener('visibilitychange', onVisibility)
  }
}
