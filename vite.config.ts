import { fileURLToPath } from 'node:url'
import tailwindcss from '@tailwindcss/vite'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

const fromRepo = (path: string) => fileURLToPath(new URL(path, import.meta.url))
const server = process.env.VITE_DEV_API ?? 'http://localhost:3000'

// The client lives in src/client (index.html included); the Node server serves dist/client.
export default defineConfig({
  root: fromRepo('./src/client'),
  envDir: fromRepo('./'),
  publicDir: fromRepo('./src/client/public'),
  plugins: [react(), tailwindcss()],
  build: {
    outDir: fromRepo('./dist/client'),
    emptyOutDir: true,
    // Maps are produced for error reporting (Sentry) but not advertised to browsers.
    sourcemap: 'hidden',
    rolldownOptions: {
      output: {
        // Libraries change less often than the app: separate chunks stay cached across releases.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 3 },
            { name: 'data', test: /node_modules[\\/](@tanstack|@trpc|superjson|zod)[\\/]/, priority: 2 },
            // Sentry is left out: it loads on demand, only when a DSN is configured.
            { name: 'vendor', test: /node_modules[\\/](?!@sentry)/, priority: 1 },
          ],
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: {
      '/trpc': { target: server, ws: true, changeOrigin: false },
      '/socket.io': { target: server, ws: true, changeOrigin: false },
      '/healthz': server,
      '/readyz': server,
    },
  },
})
