# shellcheck shell=bash
# Sourced after scripts/env.sh and scripts/tools.sh: starts a real Prometheus (Debian's package)
# scraping a small serving exporter, with alerting rules, and waits until both have landed.

# Starts the exporter (integration/prometheus/exporter.py) on MLOPS_EXPORTER_PORT (default
# 59091) and Prometheus on MLOPS_PROMETHEUS_PORT (default 59090), both in one process group
# ($MLOPS_TOOLS_RUN/prometheus/pid), scraping every second and evaluating the rules file every
# second. Test mode: the scenario services, a rule whose query fails, and stale-model's samples
# backfilled three days into the past with promtool; with the argument "demo": a series and an
# error-rate alert for every demo service that declares serving logs. Waits until the first
# scrape is queryable and every rule has been evaluated, and exports MLOPS_PROMETHEUS_URL.
start_prometheus() {
  local port="${MLOPS_PROMETHEUS_PORT:-59090}" exporter="${MLOPS_EXPORTER_PORT:-59091}" mode="${1:-}"
  local dir="$MLOPS_TOOLS_RUN/prometheus"
  local url="http://127.0.0.1:$port"
  local src="$MLOPS_ROOT/integration/prometheus"
  ensure_debian_packages prometheus:/usr/bin/prometheus || return 1
  if [ -f "$dir/pid" ]; then kill -9 -- -"$(cat "$dir/pid")" 2>/dev/null && sleep 1; fi
  local p
  for p in "$port" "$exporter"; do
    if curl -s -o /dev/null "http://127.0.0.1:$p/"; then
      echo "tools.sh: port $p is taken; set MLOPS_PROMETHEUS_PORT / MLOPS_EXPORTER_PORT to free ones" >&2
      return 1
    fi
  done
  rm -rf "$dir" && mkdir -p "$dir/data"
  export MLOPS_DEMO_SERVICES="${MLOPS_DEMO_SERVICES:-$MLOPS_ROOT/examples/ml-services.yaml}"
  python3 -B "$src/exporter.py" files "$dir" "$exporter" "$mode" || return 1
  if [ -f "$dir/stale.om" ]; then
    promtool tsdb create-blocks-from openmetrics "$dir/stale.om" "$dir/data" >"$dir/backfill.log" 2>&1 || {
      cat "$dir/backfill.log" >&2
      return 1
    }
  fi
  (
    cd "$src" || exit 1
    exec setsid bash -c '
      python3 -B exporter.py serve "$1" "$2" &
      exec /usr/bin/prometheus --config.file="$3/prometheus.yml" --storage.tsdb.path="$3/data" \
        --web.listen-address="127.0.0.1:$4" --web.enable-lifecycle' \
      prometheus "$exporter" "$mode" "$dir" "$port" >"$dir/server.log" 2>&1 </dev/null
  ) &
  echo $! >"$dir/pid"
  wait_for "$url/-/ready" 600 "$dir/server.log" || return 1
  # Ready means listening; the first scrape and the first rule evaluation land a second later
  # (later on a busy machine: the deadline is for a hung server).
  local landed="" deadline=$((SECONDS + 300))
  while [ "$SECONDS" -lt "$deadline" ]; do
    if curl -sf "$url/api/v1/query?query=count(http_requests_total%7Bjob%3D%22ml-serving%22%7D)" | grep -q '"result":\[{' &&
      curl -sf "$url/api/v1/rules?type=alert" | python3 -c '
import json, sys
rules = [r for g in json.load(sys.stdin)["data"]["groups"] for r in g["rules"]]
sys.exit(0 if rules and all(r["health"] != "unknown" for r in rules) else 1)'; then
      landed=1
      break
    fi
    sleep 0.25
  done
  if [ -z "$landed" ]; then
    echo "tools.sh: Prometheus on $url has no scraped series or unevaluated rules after 300 s" >&2
    tail -30 "$dir/server.log" >&2
    return 1
  fi
  export MLOPS_PROMETHEUS_URL="$url"
  echo "tools.sh: $(/usr/bin/prometheus --version 2>/dev/null | head -1) on $url, scraping $exporter${mode:+ ($mode)}" >&2
}
