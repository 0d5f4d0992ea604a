#!/usr/bin/env bash
# The live demo from scratch, checked through the API: starts scripts/start-live.sh (the real
# tools, seeded, and the backend only) with a throw-away database, then runs
# scripts/live-check.js: the showcase services reach verified level 4 within five minutes of the
# backend answering, and the others stop below their declared level for a visible reason.
# Port 7307 (app-config.live-test.yaml), so that it can run beside the app or the browser tests;
# the demo's Git host (7017) is shared with them when one already answers.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$MLOPS_ROOT"
export MLOPS_LIVE_DATA_DIR="${MLOPS_LIVE_DATA_DIR:-$(mktemp -d)}"
mkdir -p artifacts/live
log=artifacts/live/start-live.log
SECONDS=0
setsid bash scripts/start-live.sh --config "$MLOPS_ROOT/app-config.live-test.yaml" backend \
  >"$log" 2>&1 </dev/null &
live=$!
# Under set -e a failing command in the trap would become the script's status: none may fail.
trap 'kill -- -$live 2>/dev/null || true; wait $live 2>/dev/null || true; rm -rf "$MLOPS_LIVE_DATA_DIR"' EXIT
if ! wait_ready http://localhost:7307 "$live" 1200 "$log"; then
  # Only the end of this log may be shown (CI keeps the end of its output): what each tool said.
  echo "live-test.sh: the backend is not ready after $SECONDS s; the tools said:"
  grep -E '^(tools\.sh|The tools are up)' "$log" | cut -c1-200 | tail -12 || true
  exit 1
fi
echo "live-test.sh: the tools are seeded and the backend is ready after $SECONDS s"
node scripts/live-check.js http://localhost:7307 300
echo "live-test.sh: done after $SECONDS s"
