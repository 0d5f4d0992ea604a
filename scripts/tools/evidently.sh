# shellcheck shell=bash
# Sourced after scripts/env.sh and scripts/tools.sh: starts a real Evidently UI service
# (`evidently ui` from PyPI, integration/evidently/requirements.txt) with a workspace directory,
# and seeds it through Evidently's own client (RemoteWorkspace).

# Starts `evidently ui` on MLOPS_EVIDENTLY_PORT (default 58001) with a fresh workspace in
# $MLOPS_TOOLS_RUN/evidently and a write secret, in its own process group
# ($MLOPS_TOOLS_RUN/evidently/pid). Seeds the integration test's scenarios
# (integration/evidently/seed.py), or with the argument "demo" the demo catalog's projects
# (integration/evidently/seed_demo.py). The seed starts beside the server: its imports take as
# long as the server's start, and it waits for the server itself. Exports MLOPS_EVIDENTLY_URL,
# MLOPS_EVIDENTLY_SECRET (the `--secret` that guards writes) and, in test mode,
# MLOPS_EVIDENTLY_SEED (the seeded projects' and snapshots' ids, JSON).
start_evidently() {
  local port="${MLOPS_EVIDENTLY_PORT:-58001}" mode="${1:-}"
  local dir="$MLOPS_TOOLS_RUN/evidently"
  local venv="$MLOPS_ROOT/.tools/venvs/evidently"
  local src="$MLOPS_ROOT/integration/evidently"
  local url="http://127.0.0.1:$port"
  local secret="mlops-maturity-evidently"
  ensure_venv evidently "$src/requirements.txt" || return 1
  if [ -f "$dir/pid" ]; then kill -9 -- -"$(cat "$dir/pid")" 2>/dev/null && sleep 1; fi
  if curl -s -o /dev/null "$url/"; then
    echo "tools.sh: port $port is taken; set MLOPS_EVIDENTLY_PORT to a free one" >&2
    return 1
  fi
  rm -rf "$dir" && mkdir -p "$dir/workspace"
  # No usage telemetry from the server or the seed's client (it could not be sent anyway).
  DO_NOT_TRACK=1 setsid "$venv/bin/evidently" ui --host 127.0.0.1 --port "$port" \
    --workspace "$dir/workspace" --secret "$secret" >"$dir/server.log" 2>&1 </dev/null &
  echo $! >"$dir/pid"
  local seed=(seed.py "$url" "$secret" "$dir/seed.json")
  [ "$mode" = demo ] && seed=(seed_demo.py "$url" "$secret" "$MLOPS_ROOT/examples/ml-services.yaml")
  (cd "$src" && DO_NOT_TRACK=1 PYTHONWARNINGS=ignore "$venv/bin/python" -B "${seed[@]}") >"$dir/seed.log" 2>&1 || {
    cat "$dir/seed.log" >&2
    tail -30 "$dir/server.log" >&2
    return 1
  }
  export MLOPS_EVIDENTLY_URL="$url" MLOPS_EVIDENTLY_SECRET="$secret"
  [ "$mode" = demo ] || export MLOPS_EVIDENTLY_SEED="$dir/seed.json"
  echo "tools.sh: Evidently $(curl -sf "$url/api/version" | sed -n 's/.*"version":"\([^"]*\)".*/\1/p') on $url, $(tail -1 "$dir/seed.log")" >&2
}
