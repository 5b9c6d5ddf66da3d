import { useEffect, useState } from 'react'

const MINUTE = 60
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

/** "il y a 5 minutes", "hier"…; beyond a week, the date itself. */
export function formatRelativeTime(date: Date, now: number, language: string): string {
  const seconds = Math.round((date.getTime() - now) / 1000)
  const elapsed = Math.abs(seconds)
  const relative = new Intl.RelativeTimeFormat(language, { numeric: 'auto' })
  if (elapsed < 45) return relative.format(0, 'second')
  if (elapsed < HOUR) return relative.format(Math.round(seconds / MINUTE), 'minute')
  if (elapsed < DAY) return relative.format(Math.round(seconds / HOUR), 'hour')
  if (elapsed < 7 * DAY) return relative.format(Math.round(seconds / DAY), 'day')
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium' }).format(date)
}

/** The current time, refreshed every `intervalMs` while the component is mounted. */
export function useNow(intervalMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs)
    return () => clearInterval(timer)
  }, [intervalMs])
  return now
}
