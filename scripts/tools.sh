# shellcheck shell=bash
# Sourced by the test scripts: installs real ML tools from PyPI into virtual environments under
# .tools/venvs (reused while their requirements are unchanged), starts them on 127.0.0.1 in
# their own process groups, seeds them through their own clients, and stops them on exit.

MLOPS_TOOLS_RUN="${MLOPS_TOOLS_RUN:-/tmp/mlops-maturity-tools}"

# One file per further tool (start_prometheus, start_evidently, …), in the style of start_mlflow.
for tool_script in "$(dirname "${BASH_SOURCE[0]}")"/tools/*.sh; do
  # shellcheck source=/dev/null
  [ -f "$tool_script" ] && source "$tool_script"
done
unset tool_script

# uv (from PyPI) installs the tools' packages: the same versions as pip resolves, in seconds
# where pip spends minutes of CPU per venv, with one download cache for the venvs (they share most
# of their wheels). pip remains the fallback.
MLOPS_UV_VERSION=0.13.9
ensure_uv() (
  venv="$MLOPS_ROOT/.tools/venvs/uv"
  mkdir -p "$MLOPS_ROOT/.tools/venvs"
  exec 8>"$MLOPS_ROOT/.tools/venvs/.uv.lock"
  flock 8
  [ "$("$venv/bin/uv" --version 2>/dev/null | cut -d' ' -f2)" = "$MLOPS_UV_VERSION" ] && exit 0
  rm -rf "$venv"
  python3 -m venv "$venv" &&
    "$venv/bin/pip" install --quiet --disable-pip-version-check "uv==$MLOPS_UV_VERSION" >&2
)

ensure_venv() {
  local name="$1" requirements="$2"
  local venv="$MLOPS_ROOT/.tools/venvs/$name"
  local sum
  sum="$(sha1sum "$requirements" | cut -d' ' -f1)"
  if [ -f "$venv/.requirements-sha1" ] && [ "$(cat "$venv/.requirements-sha1")" = "$sum" ]; then
    return 0
  fi
  echo "tools.sh: installing $name from PyPI" >&2
  rm -rf "$venv"
  python3 -m venv "$venv" || return 1
  if ! { ensure_uv && "$MLOPS_ROOT/.tools/venvs/uv/bin/uv" pip install --quiet --python "$venv/bin/python" \
    ${PIP_FIND_LINKS:+--find-links "$PIP_FIND_LINKS"} -r "$requirements" >&2; }; then
    echo "tools.sh: uv could not install $name; pip does" >&2
    "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$requirements" >&2 || return 1
  fi
  echo "$sum" >"$venv/.requirements-sha1"
}

# Waits until URL answers, for at most SECONDS (a deadline to catch a hung server, not a time
# the tool is expected to take: in CI, MLflow and both Airflows start beside the type check,
# lint and each other on two cores, and took more than 90 s to import there).
wait_for() {
  local url="$1" seconds="$2" log="$3"
  local deadline=$((SECONDS + seconds))
  while [ "$SECONDS" -lt "$deadline" ]; do
    if curl -sf --max-time 10 -o /dev/null "$url"; then return 0; fi
    sleep 0.25
  done
  echo "tools.sh: $url did not answer within $seconds s" >&2
  tail -30 "$log" >&2
  return 1
}

# Starts MLflow on MLOPS_MLFLOW_PORT (default 55055), seeds it with the test scenarios (or, with
# the argument "demo", with the demo catalog's models), exports MLOPS_MLFLOW_URL and
# MLOPS_MLFLOW_SEED (the seed's JSON).
start_mlflow() {
  local port="${MLOPS_MLFLOW_PORT:-55055}"
  local dir="$MLOPS_TOOLS_RUN/mlflow"
  ensure_venv mlflow "$MLOPS_ROOT/integration/mlflow/requirements.txt" || return 1
  if [ -f "$dir/pid" ]; then kill -9 -- -"$(cat "$dir/pid")" 2>/dev/null && sleep 1; fi
  if curl -s -o /dev/null "http://127.0.0.1:$port/"; then
    echo "tools.sh: port $port is taken; set MLOPS_MLFLOW_PORT to a free one" >&2
    return 1
  fi
  # The benchmark's models take many minutes to seed: a store seeded with as many is reused.
  local reuse=""
  if [ "${1:-}" = bench ] && [ "$(cat "$dir/seeded" 2>/dev/null)" = "${MLOPS_BENCH_MODELS:-10000}" ]; then
    reuse=1
  else
    rm -rf "$dir" && mkdir -p "$dir"
  fi
  MLFLOW_SERVER_ENABLE_JOB_EXECUTION=false setsid "$MLOPS_ROOT/.tools/venvs/mlflow/bin/mlflow" server \
    --host 127.0.0.1 --port "$port" --workers 1 \
    --backend-store-uri "sqlite:///$dir/mlflow.db" \
    --default-artifact-root "$dir/artifacts" >"$dir/server.log" 2>&1 </dev/null &
  echo $! >"$dir/pid"
  wait_for "http://127.0.0.1:$port/health" 600 "$dir/server.log" || return 1
  if [ "${1:-}" = demo ]; then
    (cd "$MLOPS_ROOT/integration/demo" && "$MLOPS_ROOT/.tools/venvs/mlflow/bin/python" seed_mlflow.py \
      "http://127.0.0.1:$port") >"$dir/seed.log" 2>&1
  elif [ "${1:-}" = bench ]; then
    [ -n "$reuse" ] || {
      "$MLOPS_ROOT/.tools/venvs/mlflow/bin/python" "$MLOPS_ROOT/integration/bench/seed_mlflow.py" \
        "http://127.0.0.1:$port" "${MLOPS_BENCH_MODELS:-10000}" "$dir/mlflow.db" >"$dir/seed.log" 2>&1 &&
        echo "${MLOPS_BENCH_MODELS:-10000}" >"$dir/seeded"
    }
  else
    "$MLOPS_ROOT/.tools/venvs/mlflow/bin/python" "$MLOPS_ROOT/integration/mlflow/seed.py" \
      "http://127.0.0.1:$port" "$dir/mlflow.db" "$dir/seed.json" >"$dir/seed.log" 2>&1
  fi || {
    cat "$dir/seed.log" >&2
    return 1
  }
  export MLOPS_MLFLOW_URL="http://127.0.0.1:$port"
  export MLOPS_MLFLOW_SEED="$dir/seed.json"
  echo "tools.sh: MLflow $("$MLOPS_ROOT/.tools/venvs/mlflow/bin/python" -c 'import mlflow; print(mlflow.__version__)') on $MLOPS_MLFLOW_URL, seeded" >&2
}

# Prepares a fresh AIRFLOW_HOME, $MLOPS_TOOLS_RUN/NAME, for the venv NAME (installed from
# REQUIREMENTS) on PORT, with the DAGs of MODE: the test scenarios of integration/airflow, or
# those of "demo" or "bench". Stops a server left running there by an earlier call.
prepare_airflow() {
  local name="$1" requirements="$2" port="$3" mode="$4"
  local home="$MLOPS_TOOLS_RUN/$name"
  ensure_venv "$name" "$requirements" || return 1
  if [ -f "$home/pid" ]; then kill -9 -- -"$(cat "$home/pid")" 2>/dev/null && sleep 1; fi
  if curl -s -o /dev/null "http://127.0.0.1:$port/"; then
    echo "tools.sh: port $port is taken; choose a free one (MLOPS_AIRFLOW_PORT, MLOPS_AIRFLOW2_PORT)" >&2
    return 1
  fi
  rm -rf "$home" && mkdir -p "$home/dags"
  if [ "$mode" = demo ]; then
    cp "$MLOPS_ROOT"/integration/demo/dags/*.py "$MLOPS_ROOT"/integration/demo/demo_services.py "$home/dags/"
  elif [ "$mode" = bench ]; then
    cp "$MLOPS_ROOT"/integration/bench/dags/*.py "$home/dags/"
  else
    cp "$MLOPS_ROOT"/integration/airflow/dags/*.py "$home/dags/"
  fi
}

# Runs `airflow standalone` from the venv NAME in its home, prepared by prepare_airflow, with
# the settings both Airflow majors share and the given ones (VAR=value), in its own process
# group; waits until HEALTH_URL answers.
run_airflow_standalone() {
  local name="$1" health="$2"
  shift 2
  local home="$MLOPS_TOOLS_RUN/$name"
  (
    export AIRFLOW_HOME="$home" PATH="$MLOPS_ROOT/.tools/venvs/$name/bin:$PATH"
    export AIRFLOW__CORE__DAGS_FOLDER="$home/dags" AIRFLOW__CORE__LOAD_EXAMPLES=False
    export AIRFLOW__CORE__DAGS_ARE_PAUSED_AT_CREATION=False
    export MLOPS_DEMO_SERVICES="$MLOPS_ROOT/examples/ml-services.yaml"
    export "$@"
    exec setsid airflow standalone >"$home/standalone.log" 2>&1 </dev/null
  ) &
  echo $! >"$home/pid"
  wait_for "$health" 600 "$home/standalone.log"
}

# Triggers the manual-only scenario of the Airflow in the home NAME and waits until every
# scenario has run (integration/airflow/seed.py, API v2 or v1); with "unpause" (the demo's
# DAGs), unpauses them and waits until each has a successful run.
seed_airflow() {
  local name="$1" url="$2" username="$3" password="$4" api="$5" only="${6:-}"
  local home="$MLOPS_TOOLS_RUN/$name"
  "$MLOPS_ROOT/.tools/venvs/$name/bin/python" "$MLOPS_ROOT/integration/airflow/seed.py" \
    "$url" "$username" "$password" "$api" ${only:+"$only"} >"$home/seed.log" 2>&1 || {
    cat "$home/seed.log" >&2
    tail -40 "$home/standalone.log" >&2
    return 1
  }
}

# Starts Airflow 3 (`airflow standalone`: API server, scheduler, DAG processor, LocalExecutor)
# on MLOPS_AIRFLOW_PORT (default 58085) with the scenario DAGs of integration/airflow, waits
# until every scenario has run, and exports MLOPS_AIRFLOW_URL, _USER and _PASSWORD.
start_airflow() {
  local port="${MLOPS_AIRFLOW_PORT:-58085}" mode="${1:-}"
  local home="$MLOPS_TOOLS_RUN/airflow"
  local url="http://127.0.0.1:$port"
  prepare_airflow airflow "$MLOPS_ROOT/integration/airflow/requirements.txt" "$port" "$mode" || return 1
  echo '{"admin": "admin"}' >"$home/passwords.json"
  # Tasks report to the API server; any port but 8080 must be named (EXECUTION_API_SERVER_URL).
  # The DAG files never change while the server runs, so they are parsed once at start and then
  # only every two minutes (within the 10 minutes after which Airflow calls an unparsed DAG
  # stale): each parse is a Python process importing Airflow, and parsing every 5 s took a
  # third of a core for the whole CI run. The benchmark's single file of thousands of DAGs takes
  # longer than the default 30 s to parse, and parsing it again would starve the API server it
  # measures.
  local interval=120
  [ "$mode" = bench ] && interval=3600
  # The scenario and demo DAGs start paused and seed.py unpauses them once the API server
  # answers: a task that runs before it answers fails (on a loaded machine the scheduler is up
  # first). The benchmark's DAGs never run.
  local paused=True
  [ "$mode" = bench ] && paused=False
  # The scenario Airflow answers 25 DAGs a page (100 by default), so that the tests list its
  # 71 DAGs in several pages, as a large instance is listed. The benchmark keeps the default.
  local page_limit=100
  [ -z "$mode" ] && page_limit=25
  run_airflow_standalone airflow "$url/api/v2/monitor/health" \
    AIRFLOW__CORE__DAGS_ARE_PAUSED_AT_CREATION=$paused \
    AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_USERS=admin:admin \
    AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_PASSWORDS_FILE="$home/passwords.json" \
    AIRFLOW__API__HOST=127.0.0.1 AIRFLOW__API__PORT="$port" AIRFLOW__API__WORKERS=1 \
    AIRFLOW__API__MAXIMUM_PAGE_LIMIT=$page_limit \
    AIRFLOW__CORE__EXECUTION_API_SERVER_URL="$url/execution/" AIRFLOW__CORE__PARALLELISM=4 \
    AIRFLOW__CORE__DAGBAG_IMPORT_TIMEOUT=900 AIRFLOW__DAG_PROCESSOR__DAG_FILE_PROCESSOR_TIMEOUT=900 \
    AIRFLOW__DAG_PROCESSOR__REFRESH_INTERVAL=$interval \
    AIRFLOW__DAG_PROCESSOR__MIN_FILE_PROCESS_INTERVAL=$interval || return 1
  local seeded="$mode DAGs"
  if [ -z "$mode" ]; then
    seed_airflow airflow "$url" admin admin v2 || return 1
    seeded="scenarios run"
  elif [ "$mode" = demo ]; then
    seed_airflow airflow "$url" admin admin v2 unpause || return 1
    seeded="demo DAGs: $(tail -n 1 "$home/seed.log")"
  fi
  export MLOPS_AIRFLOW_URL="$url" MLOPS_AIRFLOW_USER=admin MLOPS_AIRFLOW_PASSWORD=admin
  echo "tools.sh: Airflow $("$MLOPS_ROOT/.tools/venvs/airflow/bin/airflow" version 2>/dev/null) on $url, $seeded" >&2
}

# Starts Airflow 2 (`airflow standalone`: webserver with REST API v1 and basic auth, scheduler,
# triggerer, SequentialExecutor on SQLite) on MLOPS_AIRFLOW2_PORT (default 58086) with the same
# scenario DAGs (25 a page, as Airflow 3 in start_airflow), waits until every scenario has run, and exports MLOPS_AIRFLOW2_URL, _USER and
# _PASSWORD (the admin's password that `airflow standalone` made up).
start_airflow2() {
  local port="${MLOPS_AIRFLOW2_PORT:-58086}"
  local home="$MLOPS_TOOLS_RUN/airflow2"
  local url="http://127.0.0.1:$port"
  prepare_airflow airflow2 "$MLOPS_ROOT/integration/airflow/requirements-airflow2.txt" "$port" "" || return 1
  # WEB_SERVER_MASTER_TIMEOUT: Airflow 2's webserver shuts itself down when gunicorn's master
  # does not answer its monitor within this time (120 s by default), which a loaded CI machine,
  # starting every tool at once, has caused.
  run_airflow_standalone airflow2 "$url/health" AIRFLOW__CORE__DAGS_ARE_PAUSED_AT_CREATION=True \
    AIRFLOW__WEBSERVER__WEB_SERVER_MASTER_TIMEOUT=600 \
    AIRFLOW__WEBSERVER__WEB_SERVER_HOST=127.0.0.1 AIRFLOW__WEBSERVER__WEB_SERVER_PORT="$port" \
    AIRFLOW__WEBSERVER__WORKERS=1 AIRFLOW__API__MAXIMUM_PAGE_LIMIT=25 \
    AIRFLOW__API__AUTH_BACKENDS=airflow.providers.fab.auth_manager.api.auth.backend.basic_auth,airflow.api.auth.backend.session \
    AIRFLOW__SCHEDULER__MIN_FILE_PROCESS_INTERVAL=120 || return 1
  local password
  password="$(cat "$home/standalone_admin_password.txt")" || return 1
  seed_airflow airflow2 "$url" admin "$password" v1 || return 1
  export MLOPS_AIRFLOW2_URL="$url" MLOPS_AIRFLOW2_USER=admin MLOPS_AIRFLOW2_PASSWORD="$password"
  echo "tools.sh: Airflow $("$MLOPS_ROOT/.tools/venvs/airflow2/bin/airflow" version 2>/dev/null) on $url, scenarios run" >&2
}

# Starts each NAME:START_FUNCTION[ ARGUMENT] ("mlflow:start_mlflow demo") in a background subshell,
# all at once: each
# installs its virtual environment if needed, starts its server in its own process group and
# seeds it; its log goes to $MLOPS_TOOLS_RUN/NAME.start.log. wait_for_tools collects them.
start_tools_in_background() {
  local spec
  MLOPS_TOOL_STARTS=()
  mkdir -p "$MLOPS_TOOLS_RUN"
  for spec in "$@"; do
    local name="${spec%%:*}" start="${spec#*:}"
    rm -f "$MLOPS_TOOLS_RUN/$name.env"
    (
      # Only what the start function exported or changed: the caller's own MLOPS_* values (the
      # integration tests' servers, when test.sh then starts the live demo) must not come back.
      before="$(export -p)"
      # shellcheck disable=SC2086 # "start_mlflow demo": the function and its argument
      $start && export -p | { grep -vxF -e "$before" || true; } |
        sed -n 's/^declare -x \(\(MLOPS\|AWS\)_[A-Z0-9_]*=\)/export \1/p' >"$MLOPS_TOOLS_RUN/$name.env"
    ) >"$MLOPS_TOOLS_RUN/$name.start.log" 2>&1 &
    MLOPS_TOOL_STARTS+=("$name:$!")
  done
}

# Waits for the tools start_tools_in_background started and takes over the MLOPS_* (and AWS_*)
# variables each exported. Prints every log; fails when one of them failed.
wait_for_tools() {
  local start name status=0
  for start in "${MLOPS_TOOL_STARTS[@]}"; do
    name="${start%%:*}"
    if wait "${start#*:}"; then
      # shellcheck source=/dev/null
      source "$MLOPS_TOOLS_RUN/$name.env"
    else
      status=1
      echo "tools.sh: $name did not start:" >&2
    fi
    cat "$MLOPS_TOOLS_RUN/$name.start.log" >&2
  done
  return "$status"
}

stop_tools() {
  local pidfile pgid
  for pidfile in "$MLOPS_TOOLS_RUN"/*/pid; do
    [ -f "$pidfile" ] || continue
    pgid="$(cat "$pidfile")"
    kill -- -"$pgid" 2>/dev/null || true
    # Airflow's scheduler may outlive a polite request; its whole process group goes.
    for _ in $(seq 1 20); do
      kill -0 -- -"$pgid" 2>/dev/null || break
      sleep 0.5
    done
    kill -9 -- -"$pgid" 2>/dev/null || true
    rm -f "$pidfile"
  done
}
