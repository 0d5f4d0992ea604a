# shellcheck shell=bash
# Sourced after scripts/env.sh and scripts/tools.sh: the demo's Git host.

# Starts scripts/demo/serve-repos.js on 127.0.0.1:7017 (the port the demo catalog's
# backstage.io/source-location annotations name), serving the files each demo ML service's path
# annotations name, in its own process group ($MLOPS_TOOLS_RUN/demo-repos/pid).
start_demo_repos() {
  local dir="$MLOPS_TOOLS_RUN/demo-repos" url="http://127.0.0.1:7017"
  mkdir -p "$dir"
  if [ -f "$dir/pid" ]; then kill -- -"$(cat "$dir/pid")" 2>/dev/null && sleep 0.5; fi
  if curl -s -o /dev/null "$url/"; then
    echo "tools.sh: port 7017, which the demo catalog names, is taken" >&2
    return 1
  fi
  setsid node "$MLOPS_ROOT/scripts/demo/serve-repos.js" 7017 >"$dir/server.log" 2>&1 </dev/null &
  echo $! >"$dir/pid"
  wait_for "$url/" 300 "$dir/server.log" || return 1
  echo "tools.sh: $(cat "$dir/server.log")" >&2
}

# For the scripts that serve the demo catalog (e2e, production): starts the demo's Git host
# unless one already answers (test.sh starts it with the tools); stop_demo_repos stops only a
# host this shell started.
ensure_demo_repos() {
  curl -sf -o /dev/null http://127.0.0.1:7017/ && return 0
  start_demo_repos && MLOPS_DEMO_REPOS_STARTED=1
}

stop_demo_repos() {
  [ -n "${MLOPS_DEMO_REPOS_STARTED:-}" ] || return 0
  # stop_tools may have stopped it already.
  [ -f "$MLOPS_TOOLS_RUN/demo-repos/pid" ] || return 0
  kill -- -"$(cat "$MLOPS_TOOLS_RUN/demo-repos/pid")" 2>/dev/null || true
  rm -f "$MLOPS_TOOLS_RUN/demo-repos/pid"
}
