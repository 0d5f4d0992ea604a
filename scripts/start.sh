#!/usr/bin/env bash
# Starts the whole app: backend on :7007 and frontend on :3000, with the demo catalog and a
# SQLite database in data/sqlite (kept across restarts). Extra arguments go to `yarn start`,
# e.g. `--config app-config.local.yaml`.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$MLOPS_ROOT"
ensure_install
exec yarn start "$@"
