# shellcheck shell=bash
# Sourced after scripts/env.sh and scripts/tools.sh: starts moto's server in place of the
# SageMaker API and seeds its model registry through boto3 in seconds.

# Starts moto (integration/sagemaker/serve.py) on MLOPS_MOTO_PORT (default 55001) in its own
# process group ($MLOPS_TOOLS_RUN/moto/pid), seeded with the test scenarios, or with the
# argument "demo" a model package group for every demo service that names one in
# aws.amazon.com/sagemaker-model-package-group (two versions approved by the pipeline role, with
# model metrics). Region eu-west-1. Exports MLOPS_MOTO_URL, MLOPS_MOTO_SEED (the seed's JSON),
# MLOPS_MOTO_REGION and an IAM reader's MLOPS_MOTO_ACCESS_KEY_ID / MLOPS_MOTO_SECRET_ACCESS_KEY
# (moto checks them only once a test switches authentication on); in demo mode also
# AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, so that the backend's default AWS credential chain
# finds them.
start_moto() {
  local port="${MLOPS_MOTO_PORT:-55001}" mode="${1:-test}"
  local dir="$MLOPS_TOOLS_RUN/moto"
  local venv="$MLOPS_ROOT/.tools/venvs/sagemaker"
  local url="http://127.0.0.1:$port"
  ensure_venv sagemaker "$MLOPS_ROOT/integration/sagemaker/requirements.txt" || return 1
  if [ -f "$dir/pid" ]; then kill -9 -- -"$(cat "$dir/pid")" 2>/dev/null && sleep 1; fi
  if curl -s -o /dev/null "$url/"; then
    echo "tools.sh: port $port is taken; set MLOPS_MOTO_PORT to a free one" >&2
    return 1
  fi
  rm -rf "$dir" && mkdir -p "$dir"
  (
    export MLOPS_DEMO_SERVICES="${MLOPS_DEMO_SERVICES:-$MLOPS_ROOT/examples/ml-services.yaml}"
    exec setsid "$venv/bin/python" "$MLOPS_ROOT/integration/sagemaker/serve.py" \
      "$port" "$mode" "$dir/seed.json" >"$dir/server.log" 2>&1 </dev/null
  ) &
  echo $! >"$dir/pid"
  # The seed file is written once the server answers and every scenario is in place.
  # A deadline for a hung server, not a time budget: the CI machine may be busy.
  local deadline=$((SECONDS + 600))
  while [ "$SECONDS" -lt "$deadline" ]; do
    [ -f "$dir/seed.json" ] || ! kill -0 "$(cat "$dir/pid")" 2>/dev/null && break
    sleep 0.25
  done
  if [ ! -f "$dir/seed.json" ]; then
    echo "tools.sh: moto did not start and seed within 600 s" >&2
    tail -30 "$dir/server.log" >&2
    return 1
  fi
  export MLOPS_MOTO_URL="$url" MLOPS_MOTO_SEED="$dir/seed.json"
  {
    read -r MLOPS_MOTO_REGION
    read -r MLOPS_MOTO_ACCESS_KEY_ID
    read -r MLOPS_MOTO_SECRET_ACCESS_KEY
  } < <("$venv/bin/python" -c 'import json, sys
seed = json.load(open(sys.argv[1]))
print(seed["region"], seed["accessKeyId"], seed["secretAccessKey"], sep="\n")' "$MLOPS_MOTO_SEED")
  export MLOPS_MOTO_REGION MLOPS_MOTO_ACCESS_KEY_ID MLOPS_MOTO_SECRET_ACCESS_KEY
  if [ "$mode" = demo ]; then
    export AWS_ACCESS_KEY_ID="$MLOPS_MOTO_ACCESS_KEY_ID" AWS_SECRET_ACCESS_KEY="$MLOPS_MOTO_SECRET_ACCESS_KEY"
  fi
  echo "tools.sh: moto $("$venv/bin/python" -c 'import moto; print(moto.__version__)') (SageMaker) on $url, $mode seeded" >&2
}
