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
# Coverage is measured in the same runs (V8, little overhead): vitest's for the server and shared
# code, the browser's for the client; the united summary is printed at the end.
log=$(mktemp "${TMPDIR:-/tmp}/alforis-vitest.XXXXXX")
set +e
npx vitest run --project unit --project integration --project system --coverage 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
if [ "$status" -ne 0 ]; then
  # CI shows only the end of the output: repeat what failed there, errors first.
  echo "=== vitest failed (exit $status). What failed:"
  sed 's/\x1b\[[0-9;]*m//g' "$log" | grep -iE "fail|error|×" | grep -v "^ *at " | cut -c1-240 | tail -40
  exit "$status"
fi
# The browser's coverage of the client is collected by the e2e run and united with vitest's.
rm -rf coverage/e2e-v8
E2E_COVERAGE_DIR=coverage/e2e-v8 npx playwright test
node --import tsx tests/support/coverage-report.ts
