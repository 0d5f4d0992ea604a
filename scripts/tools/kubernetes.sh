# shellcheck shell=bash
# Sourced by scripts/tools.sh: a replayed Kubernetes API server for the rollout collectors
# (KServe, Argo Rollouts, Seldon). No API server can run here, so integration/kubernetes/
# kube-replay.mjs answers list requests from objects shaped like those recorded from real
# clusters (src/collectors/kubernetes/__fixtures__/README.md).

# Starts the replay on MLOPS_KUBE_PORT (default 56443), plain http on 127.0.0.1, serving
# integration/kubernetes/demo-objects.json: the InferenceServices and the Rollout that the demo
# catalog's annotations name (with or without the argument "demo", which is accepted for
# symmetry with the other tools; the collectors' tests replay in-process). Exports
# MLOPS_KUBE_URL and MLOPS_KUBE_TOKEN, the service-account token it accepts.
start_kube_replay() {
  local port="${MLOPS_KUBE_PORT:-56443}"
  local dir="$MLOPS_TOOLS_RUN/kubernetes"
  local token="${MLOPS_KUBE_TOKEN:-mlops-demo-service-account-token}"
  if [ -f "$dir/pid" ]; then kill -9 -- -"$(cat "$dir/pid")" 2>/dev/null && sleep 1; fi
  if curl -s -o /dev/null "http://127.0.0.1:$port/"; then
    echo "tools.sh: port $port is taken; set MLOPS_KUBE_PORT to a free one" >&2
    return 1
  fi
  rm -rf "$dir" && mkdir -p "$dir"
  setsid node "$MLOPS_ROOT/integration/kubernetes/kube-replay.mjs" --port "$port" \
    --objects "$MLOPS_ROOT/integration/kubernetes/demo-objects.json" \
    --token "$token" >"$dir/server.log" 2>&1 </dev/null &
  echo $! >"$dir/pid"
  wait_for "http://127.0.0.1:$port/healthz" 300 "$dir/server.log" || return 1
  export MLOPS_KUBE_URL="http://127.0.0.1:$port" MLOPS_KUBE_TOKEN="$token"
  echo "tools.sh: replayed Kubernetes API server on $MLOPS_KUBE_URL ($(head -1 "$dir/server.log"))" >&2
}
