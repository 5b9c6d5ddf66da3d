/**
 * Switches the theme without animating every colour: transitions are off (`.theme-switching` in
 * styles.css) until the new theme has painted. Done with a class rather than next-themes'
 * `disableTransitionOnChange`, which injects a <style> element the Content-Security-Policy refuses.
 */
export function withoutTransitions(apply: () => void): void {
  const root = document.documentElement
  root.classList.add('theme-switching')
  apply()
  requestAnimationFrame(() => requestAnimationFrame(() => root.classList.remove('theme-switching')))
}

/**
 * The same when the system's light/dark setting changes while the theme follows it: next-themes
 * switches the class itself, in the same task as this listener, so the colours jump instead of
 * fading through unreadable in-between shades.
 */
export function withoutTransitionsOnSystemChange(): void {
  if (typeof window === 'undefined' || !window.matchMedia) return
  window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => withoutTransitions(() => undefined))
}
