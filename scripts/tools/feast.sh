# shellcheck shell=bash
# Sourced after scripts/env.sh and scripts/tools.sh: seeds a real Feast feature repository in
# seconds and starts Feast's registry REST server over it.

# Seeds $MLOPS_TOOLS_RUN/feast (local file registry, SQLite online store, a parquet source the
# seed writes) through Feast's SDK (apply and materialize, integration/feast/seed.py): the test
# scenarios, or with the argument "demo" one fresh feature service for every demo service that
# names one in feast.dev/feature-service. Then starts, on MLOPS_FEAST_PORT (default 56566), the
# registry REST server (`feast serve_registry --rest-api`, routes under /api/v1), or for the demo
# `feast ui`, which serves the same REST API under /api/v1 beside the Feast UI. Exports
# MLOPS_FEAST_URL and MLOPS_FEAST_SEED (what was seeded, as JSON), and for the demo
# MLOPS_FEAST_UI_URL.
start_feast() {
  local port="${MLOPS_FEAST_PORT:-56566}" mode="${1:-}"
  local dir="$MLOPS_TOOLS_RUN/feast"
  local venv="$MLOPS_ROOT/.tools/venvs/feast"
  local url="http://127.0.0.1:$port"
  ensure_venv feast "$MLOPS_ROOT/integration/feast/requirements.txt" || return 1
  if [ -f "$dir/pid" ]; then kill -9 -- -"$(cat "$dir/pid")" 2>/dev/null && sleep 1; fi
  if curl -s -o /dev/null "$url/"; then
    echo "tools.sh: port $port is taken; set MLOPS_FEAST_PORT to a free one" >&2
    return 1
  fi
  rm -rf "$dir" && mkdir -p "$dir"
  export MLOPS_DEMO_SERVICES="${MLOPS_DEMO_SERVICES:-$MLOPS_ROOT/examples/ml-services.yaml}"
  # The server reads the registry when it starts and caches it, so the seed comes first.
  "$venv/bin/python" "$MLOPS_ROOT/integration/feast/seed.py" "$dir" "$dir/seed.json" ${mode:+"$mode"} \
    >"$dir/seed.log" 2>&1 || {
    tail -30 "$dir/seed.log" >&2
    return 1
  }
  local repo="$dir/mlops_scenarios" serve=(serve_registry --no-grpc --rest-api --host 127.0.0.1 --rest-port "$port")
  if [ "$mode" = demo ]; then
    repo="$dir/mlops_demo" serve=(ui --host 127.0.0.1 --port "$port")
  fi
  (
    cd "$repo" && exec setsid "$venv/bin/feast" "${serve[@]}" >"$dir/server.log" 2>&1 </dev/null
  ) &
  echo $! >"$dir/pid"
  wait_for "$url/api/v1/projects" 600 "$dir/server.log" || return 1
  export MLOPS_FEAST_URL="$url" MLOPS_FEAST_SEED="$dir/seed.json"
  [ "$mode" = demo ] && export MLOPS_FEAST_UI_URL="$url"
  echo "tools.sh: Feast $("$venv/bin/python" -c 'import feast; print(feast.__version__)') on $url, seeded ${mode:-scenarios}" >&2
}
