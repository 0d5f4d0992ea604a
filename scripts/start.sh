#!/usr/bin/env bash
# Starts the whole app: backend on :7007 and frontend on :3000, with the demo catalog, the demo
# services' repositories on :7017 (scripts/demo/serve-repos.js) and a SQLite database in
# data/sqlite (kept across restarts). Extra arguments go to `yarn start`,
# e.g. `--config app-config.local.yaml`.
set -euo pipefail
source "$(dirname "$0")/env.sh"
source "$(dirname "$0")/tools.sh"
cd "$MLOPS_ROOT"
export MLOPS_TOOLS_RUN="$MLOPS_ROOT/data/tools"
ensure_install
trap stop_tools EXIT
trap 'exit 130' INT TERM
start_demo_repos
yarn start "$@"
