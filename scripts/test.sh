#!/usr/bin/env bash
# The whole test suite: types, unit (vitest), browser-mode e2e (Playwright + Debian Chromium), and the
# Electron e2e spec (skips itself, saying why, where no Electron binary is installed).
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p test-results
status=0

echo "» 类型检查 (tsc)"
npm run --silent typecheck || status=1

echo "» 单元测试 (vitest)"
npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest.json || status=1

echo "» 构建界面 (vite)"
# Through the stamped build, as `npm run web` does: an unstamped build would make restart.spec's README command
# rebuild the renderer, emptying its folder under the specs running beside it (a page's chunk then fails to load).
npx tsx scripts/ensure-renderer.ts >/dev/null || status=1

echo "» 端到端测试 (Playwright, 浏览器模式)"
PLAYWRIGHT_JSON_OUTPUT_NAME=test-results/e2e.json npx playwright test --reporter=list,json || status=1

echo "» 端到端测试 (Playwright, Electron)"
PLAYWRIGHT_JSON_OUTPUT_NAME=test-results/e2e-electron.json npx playwright test -c playwright.electron.config.ts --reporter=list,json || status=1

node scripts/test-summary.mjs test-results/vitest.json test-results/e2e.json test-results/e2e-electron.json || status=1
exit $status
