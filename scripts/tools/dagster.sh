# shellcheck shell=bash
# Sourced after scripts/env.sh and scripts/tools.sh: starts a real Dagster webserver with the code
# location of the integration tests (or of the demo) and seeds its instance in seconds.

# Starts dagster-webserver on MLOPS_DAGSTER_PORT (default 53001) with DAGSTER_HOME in
# $MLOPS_TOOLS_RUN/dagster (SQLite storage) and the workspace of integration/dagster/workspace.py:
# the test scenarios, or with the argument "demo" a training job for every demo service that names
# one in dagster.io/job. Seeds the instance while the webserver starts (integration/dagster/seed.py:
# the code's own schedules and sensors evaluated and their runs executed, as the daemon would;
# no daemon runs, so nothing changes afterwards), and exports MLOPS_DAGSTER_URL and
# MLOPS_DAGSTER_SEED (the seeded runs as JSON).
start_dagster() {
  local port="${MLOPS_DAGSTER_PORT:-53001}" mode="${1:-scenarios}"
  local home="$MLOPS_TOOLS_RUN/dagster"
  local venv="$MLOPS_ROOT/.tools/venvs/dagster"
  local url="http://127.0.0.1:$port"
  ensure_venv dagster "$MLOPS_ROOT/integration/dagster/requirements.txt" || return 1
  if [ -f "$home/pid" ]; then kill -9 -- -"$(cat "$home/pid")" 2>/dev/null && sleep 1; fi
  if curl -s -o /dev/null "$url/"; then
    echo "tools.sh: port $port is taken; set MLOPS_DAGSTER_PORT to a free one" >&2
    return 1
  fi
  rm -rf "$home" && mkdir -p "$home"
  printf 'telemetry:\n  enabled: false\n' >"$home/dagster.yaml"
  local services="${MLOPS_DEMO_SERVICES:-$MLOPS_ROOT/examples/ml-services.yaml}"
  MLOPS_DEMO_SERVICES="$services" "$venv/bin/python" "$MLOPS_ROOT/integration/dagster/workspace.py" \
    "$mode" >"$home/workspace.yaml" || return 1
  # The seed creates the instance's storage, then runs the scenarios while the webserver starts.
  # Both import the code locations from the work tree: no __pycache__ there.
  DAGSTER_HOME="$home" MLOPS_DEMO_SERVICES="$services" PYTHONDONTWRITEBYTECODE=1 \
    "$venv/bin/python" "$MLOPS_ROOT/integration/dagster/seed.py" "$mode" "$url" "$home/seed.json" \
    >"$home/seed.log" 2>&1 &
  local seed=$!
  while [ ! -f "$home/storage-ready" ] && kill -0 "$seed" 2>/dev/null; do sleep 0.1; done
  (
    export DAGSTER_HOME="$home" MLOPS_DEMO_SERVICES="$services" PYTHONDONTWRITEBYTECODE=1
    cd "$home" && exec setsid "$venv/bin/dagster-webserver" -h 127.0.0.1 -p "$port" \
      -w "$home/workspace.yaml" >"$home/webserver.log" 2>&1 </dev/null
  ) &
  echo $! >"$home/pid"
  wait "$seed" || {
    tail -30 "$home/seed.log" >&2
    tail -30 "$home/webserver.log" >&2
    return 1
  }
  export MLOPS_DAGSTER_URL="$url" MLOPS_DAGSTER_SEED="$home/seed.json"
  echo "tools.sh: $(tail -1 "$home/seed.log") on $url" >&2
}
