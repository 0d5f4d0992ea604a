#!/usr/bin/env bash
# Browser benchmark of the scorecard page with 10,000 assessed ML services (MLOPS_BENCH_UI_COUNT):
# builds the app, generates the catalog, serves it from the backend on :7007, waits until a run
# has assessed every service, then measures in headless Chromium how long the page takes to
# become interactive. Results: artifacts/bench/ui.json.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$MLOPS_ROOT"
ensure_install
count="${MLOPS_BENCH_UI_COUNT:-10000}"

if curl -sf -o /dev/null http://localhost:7007/.backstage/health/v1/liveness; then
  echo "bench-ui.sh: something already listens on :7007; stop it first" >&2
  exit 1
fi

yarn workspace app build >/dev/null
work="$(mktemp -d)"
export MLOPS_E2E_DATA_DIR="$work/db" MLOPS_BENCH_UI_CATALOG="$work/catalog.yaml"
export MLOPS_BENCH_UI_COUNT="$count"
mkdir -p "$MLOPS_E2E_DATA_DIR" artifacts/bench
node scripts/generate-bench-catalog.js "$MLOPS_BENCH_UI_CATALOG" "$count"
log=artifacts/bench/ui-backend.log
(cd packages/backend && exec node ../../node_modules/.bin/backstage-cli package start \
  --config ../../app-config.yaml --config ../../app-config.e2e.yaml \
  --config ../../app-config.bench-ui.yaml) >"$log" 2>&1 &
backend=$!
trap 'kill $backend 2>/dev/null || true; wait $backend 2>/dev/null || true; rm -rf "$work"' EXIT

for _ in $(seq 1 300); do
  curl -sf -o /dev/null http://localhost:7007/.backstage/health/v1/readiness && break
  kill -0 $backend 2>/dev/null || { tail -50 "$log" >&2; exit 1; }
  sleep 1
done
yarn playwright test --config playwright.bench.config.ts "$@"
