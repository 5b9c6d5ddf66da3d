import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { QueryClientProvider } from '@tanstack/react-query'
import { RouterProvider } from '@tanstack/react-router'
import { createTRPCOptionsProxy } from '@trpc/tanstack-react-query'
import { ThemeProvider } from 'next-themes'
import { leaveSession } from './features/auth/session.ts'
import { initI18n } from './lib/i18n.ts'
import { createQueryClient } from './lib/query-client.ts'
import { initSentry, reportError } from './lib/sentry.ts'
import { createApiClient, TRPCProvider, type AppRouter } from './lib/trpc.ts'
import { createAppRouter, type ClientRouter } from './router.tsx'
import './styles.css'

// Also read by the inline script in index.html, which must agree.
const THEME_STORAGE_KEY = 'alforis.theme'

async function bootstrap() {
  // Error reporting is optional: the app must start even if its chunk cannot be loaded.
  await Promise.all([initI18n(), initSentry().catch(() => undefined)])

  let router: ClientRouter | undefined
  const queryClient = createQueryClient({
    onSessionExpired: () => {
      if (router) void leaveSession(router, queryClient, { returnHere: true })
    },
  })
  const trpcClient = createApiClient()
  const trpc = createTRPCOptionsProxy<AppRouter>({ client: trpcClient, queryClient })
  router = createAppRouter({ queryClient, trpc })

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
        disableTransitionOnChange
        // Client-rendered scripts never run; index.html applies the theme before paint instead.
        scriptProps={{ type: 'application/json' }}
      >
        <QueryClientProvider client={queryClient}>
          <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
            <RouterProvider router={router} />
          </TRPCProvider>
        </QueryClientProvider>
      </ThemeProvider>
    </StrictMode>,
  )
}

void bootstrap()
