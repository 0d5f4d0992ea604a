#!/usr/bin/env bash
# Browser tests: builds the app, serves it from the backend on :7007 with the demo catalog and a
# throw-away SQLite folder, and runs Playwright in the system's headless Chromium.
# Screenshots land in artifacts/e2e/.
set -euo pipefail
source "$(dirname "$0")/env.sh"
source "$(dirname "$0")/tools.sh"
cd "$MLOPS_ROOT"

[ -n "${MLOPS_CHROMIUM:-}" ] || ensure_debian_packages chromium:/usr/bin/chromium

if curl -sf -o /dev/null http://localhost:7007/.backstage/health/v1/liveness; then
  echo "e2e.sh: something already listens on :7007; stop it first (e.g. a running 'yarn start')" >&2
  exit 1
fi

# test.sh has just built the app with the production bundle (the same `yarn workspace app build`).
if [ -z "${MLOPS_E2E_APP_BUILT:-}" ]; then
  take_build_lock
  yarn workspace app build >/dev/null
  release_build_lock
fi
ensure_demo_repos

MLOPS_E2E_DATA_DIR="$(mktemp -d)"
export MLOPS_E2E_DATA_DIR
mkdir -p artifacts/e2e
log=artifacts/e2e/backend.log
(cd packages/backend && exec node ../../node_modules/.bin/backstage-cli package start \
  --config ../../app-config.yaml --config ../../app-config.e2e.yaml) >"$log" 2>&1 &
backend=$!
trap 'kill $backend 2>/dev/null || true; wait $backend 2>/dev/null || true; rm -rf "$MLOPS_E2E_DATA_DIR"; stop_demo_repos' EXIT

wait_ready http://localhost:7007 "$backend" 180 "$log" || exit 1

yarn playwright test "$@"
