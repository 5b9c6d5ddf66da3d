import './lib/zod-config.ts'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { QueryClientProvider } from '@tanstack/react-query'
import { RouterProvider } from '@tanstack/react-router'
import { createTRPCOptionsProxy } from '@trpc/tanstack-react-query'
import { ThemeProvider } from 'next-themes'
import { leaveSession } from './features/auth/session.ts'
import { subscribeSessionEnded } from './features/live/live-stream.ts'
import { AppErrorBoundary } from './features/shell/components/app-crash.tsx'
import { initI18n } from './lib/i18n.ts'
import { withoutTransitionsOnSystemChange } from './lib/theme-switch.ts'
import { createQueryClient } from './lib/query-client.ts'
import { initSentry, reportError } from './lib/sentry.ts'
import { createApiClient, TRPCProvider, type AppRouter } from './lib/trpc.ts'
import { createAppRouter, type ClientRouter } from './router.tsx'
import './styles.css'

// Also read by public/theme-init.js (run before the first paint), which must agree.
const THEME_STORAGE_KEY = 'alforis.theme'

async function bootstrap() {
  withoutTransitionsOnSystemChange()
  await initI18n()

  let router: ClientRouter | undefined
  const queryClient = createQueryClient({
    onSessionExpired: () => {
      if (router) void leaveSession(router, queryClient, { returnHere: true })
    },
  })
  const trpcClient = createApiClient()
  const trpc = createTRPCOptionsProxy<AppRouter>({ client: trpcClient, queryClient })
  router = createAppRouter({ queryClient, trpc })
  // Signed out from elsewhere (another device changed the password, ended this session): back to the login page.
  subscribeSessionEnded(() => {
    void queryClient
      .fetchQuery({ ...trpc.auth.me.queryOptions(), staleTime: 0 })
      .then((viewer) => {
        if (!viewer && router) void leaveSession(router, queryClient, { returnHere: true })
      })
      .catch(() => undefined)
  })
  // Error reporting is optional: the app must start even if its chunk or configuration cannot load.
  await initSentry(router).catch(() => undefined)

  const container = document.getElementById('root')
  if (!container) throw new Error('index.html has no #root element')
  createRoot(container, {
    onUncaughtError: (error) => reportError(error),
    onRecoverableError: (error) => reportError(error),
  }).render(
    <StrictMode>
      <ThemeProvider
        attribute="class"
        defaultTheme="system"
        enableSystem
        storageKey={THEME_STORAGE_KEY}
        // Client-rendered scripts never run; theme-init.js applies the theme before paint instead.
        scriptProps={{ type: 'application/json' }}
      >
        <QueryClientProvider client={queryClient}>
          <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
            <AppErrorBoundary>
              <RouterProvider router={router} />
            </AppErrorBoundary>
          </TRPCProvider>
        </QueryClientProvider>
      </ThemeProvider>
    </StrictMode>,
  )
}

void bootstrap()
