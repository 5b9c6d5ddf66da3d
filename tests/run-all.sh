#!/usr/bin/env bash
# The whole test suite (`npm test`): unit, integration (real PostgreSQL + Redis), system (the embedded
# default as a real process) and end-to-end (Playwright on Debian's Chromium).
set -euo pipefail
cd "$(dirname "$0")/.."

bash tests/support/ensure-services.sh
npm run --silent db:generate >/dev/null
# The native TypeScript 7 compiler: the classic one takes many minutes on this codebase.
node node_modules/typescript-7/bin/tsc --noEmit -p .
npx vite build --logLevel warn
npx vitest run --project unit --project integration --project system
npx playwright test
