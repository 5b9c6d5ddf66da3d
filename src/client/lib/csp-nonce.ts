/**
 * The nonce the server put in this page's Content-Security-Policy (index.html's meta tag): the
 * <style> elements a library creates at run time (CodeMirror's themes) must carry it.
 */
export function cspNonce(): string | undefined {
  const value = document.querySelector<HTMLMetaElement>('meta[name="csp-nonce"]')?.content
  // Served by Vite's dev server, the placeholder is left as is: no nonce, and no policy either.
  return value && value !== '__CSP_NONCE__' ? value : undefined
}
