// Applies the remembered theme and language before the first paint; React takes over after.
;(function () {
  try {
    var root = document.documentElement
    var theme = localStorage.getItem('alforis.theme') || 'system'
    var dark = theme === 'dark' || (theme === 'system' && matchMedia('(prefers-color-scheme: dark)').matches)
    root.classList.add(dark ? 'dark' : 'light')
    root.style.colorScheme = dark ? 'dark' : 'light'
    var language = localStorage.getItem('alforis.language')
    if (language === 'fr' || language === 'en') root.lang = language
  } catch (error) {}
})()
