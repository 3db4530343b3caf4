#!/usr/bin/env bash
# `npm test`: typecheck, lint, production build, unit + integration (Vitest), end-to-end (Playwright).
# Integration and e2e use Postgres when TEST_DATABASE_URL or DATABASE_URL is set, else embedded PGlite.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
mkdir -p reports
rm -f reports/vitest.json reports/e2e.json

echo "== typecheck"
node_modules/.bin/tsc --noEmit
echo "== lint"
node_modules/.bin/eslint . --max-warnings=0
node_modules/.bin/prettier --check . >/dev/null || { node_modules/.bin/prettier --list-different .; echo "prettier: files above differ (npm run format)"; exit 1; }
node_modules/.bin/knip
echo "== build"
node_modules/.bin/next build
# Integration tests include two `next start` instances on one Postgres, so they run after the build.
if [ -n "${TEST_DATABASE_URL:-${DATABASE_URL:-}}" ]; then db="Postgres and PGlite"; else db="embedded PGlite"; fi
echo "== unit + integration ($db)"
node_modules/.bin/vitest run --reporter=default --reporter=json --outputFile.json=reports/vitest.json
echo "== end-to-end"
node_modules/.bin/tsx scripts/e2e.ts
node_modules/.bin/tsx scripts/test-summary.ts
