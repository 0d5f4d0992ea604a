#!/usr/bin/env bash
# The adopter test: installs the plugins into a fresh Backstage app exactly as the README's
# "Install in your Backstage" section says, as a third party would.
#
#  1. packs and checks the five packages (`scripts/release.sh publish --dry-run`) and publishes them to a
#     throw-away npm registry (Verdaccio on 127.0.0.1) standing in for npmjs.com;
#  2. creates an app with @backstage/create-app (the release line of backstage.json);
#  3. runs the README's install lines, adds its backend lines, config and first ML service,
#     all read from the README's `<!-- adopter-test:… -->` blocks, so a wrong line fails here;
#  4. builds the app, starts the backend (which serves it) and checks the health route, the
#     assessment of the service at the level the README promises, the catalog label, and the
#     scorecard page and entity tab in Chromium (scripts/adopter-check.js).
#
# Needs the npm registry (create-app, the app's dependencies, Verdaccio) and nothing else.
# Ports: 7107 (backend), 54873 (registry). Logs and screenshots: artifacts/adopter/.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$MLOPS_ROOT"

CREATE_APP_VERSION="${MLOPS_CREATE_APP_VERSION:-0.9.2}" # the create-app of Backstage 1.55.0
VERDACCIO_VERSION=6
PORT=7107
REGISTRY_PORT=54873
REGISTRY="http://127.0.0.1:$REGISTRY_PORT"
export MLOPS_ADOPTER_URL="http://localhost:$PORT"

verdaccio="$MLOPS_TOOLS/verdaccio/node_modules/.bin/verdaccio"
ensure_verdaccio() {
  [ ! -x "$verdaccio" ] || return 0
  mkdir -p "$MLOPS_TOOLS/verdaccio"
  # One of Verdaccio's dependencies asks for node-fetch by the dist-tag `cjs`, which registry
  # mirrors do not always carry; the 2.x line is what that tag names.
  printf '{"private":true,"dependencies":{"verdaccio":"^%s.0.0"},"overrides":{"node-fetch":"^2.7.0"}}\n' \
    "$VERDACCIO_VERSION" >"$MLOPS_TOOLS/verdaccio/package.json"
  npm install --prefix "$MLOPS_TOOLS/verdaccio" --no-audit --no-fund --loglevel=error >&2
}

work="$(mktemp -d /tmp/mlops-adopter.XXXXXX)"
app="$work/app"
artifacts="$MLOPS_ROOT/artifacts/adopter"
rm -rf "$artifacts"
mkdir -p "$artifacts"
pids=()
cleanup() {
  # Each server runs in a process group of its own (setsid): stop the group, children included.
  for pid in "${pids[@]}"; do kill -- "-$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  # The app's node_modules take a minute to delete: do it without making the caller wait.
  [ -n "${MLOPS_ADOPTER_KEEP:-}" ] || (rm -rf "$work" >/dev/null 2>&1 &)
}
trap cleanup EXIT
step() { printf '\n--> [%s] adopter: %s\n' "$(date +%T)" "$*"; }
fail() {
  echo "adopter-test: $*" >&2
  exit 1
}

if curl -sf -o /dev/null "$MLOPS_ADOPTER_URL/.backstage/health/v1/liveness"; then
  fail "something already listens on :$PORT"
fi

step "pack and check the packages: the documented publish command, as a dry run"
bash scripts/release.sh publish --dry-run
mkdir -p "$work/packages"
cp artifacts/packages/*.tgz "$work/packages/"

step "a local npm registry on $REGISTRY"
mkdir -p "$work/registry"
cat >"$work/registry/config.yaml" <<EOF
storage: $work/registry/storage
auth:
  htpasswd:
    file: $work/registry/htpasswd
uplinks: {}
packages:
  '@mlops-maturity/*':
    access: \$all
    publish: \$authenticated
log: { type: stdout, format: pretty, level: warn }
EOF
ensure_verdaccio
setsid "$verdaccio" --config "$work/registry/config.yaml" \
  --listen "127.0.0.1:$REGISTRY_PORT" >"$artifacts/registry.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 120); do
  curl -sf -o /dev/null "$REGISTRY/-/ping" && break
  sleep 1
done
curl -sf -o /dev/null "$REGISTRY/-/ping" || fail "the registry did not start (artifacts/adopter/registry.log)"
token="$(curl -sf -X PUT -H 'Content-Type: application/json' \
  -d '{"name":"adopter","password":"adopter-test"}' \
  "$REGISTRY/-/user/org.couchdb.user:adopter" | node -pe 'JSON.parse(require("fs").readFileSync(0)).token')"
for tarball in "$work"/packages/*.tgz; do
  npm publish "$tarball" --registry "$REGISTRY" "--//127.0.0.1:$REGISTRY_PORT/:_authToken=$token" \
    --access public --loglevel=warn >/dev/null
done
echo "published: $(ls "$work/packages")"

step "a fresh app from @backstage/create-app@$CREATE_APP_VERSION"
mkdir -p "$app"
BACKSTAGE_APP_NAME=adopter npx -y "@backstage/create-app@$CREATE_APP_VERSION" \
  --path "$app" --skip-install >"$artifacts/create-app.log" 2>&1 ||
  fail "create-app failed (artifacts/adopter/create-app.log)"
ours="$(node -p 'require("./backstage.json").version')"
theirs="$(node -p "require('$app/backstage.json').version")"
[ "$ours" = "$theirs" ] ||
  fail "create-app@$CREATE_APP_VERSION makes a $theirs app, this repository is on $ours: set MLOPS_CREATE_APP_VERSION"

node scripts/align-backstage-versions.js "$app"

# Where the test's registry stands in for npmjs.com, and the README's advice on the age gate.
cat >>"$app/.yarnrc.yml" <<EOF
npmScopes:
  mlops-maturity:
    npmRegistryServer: '$REGISTRY'
unsafeHttpWhitelist: ['127.0.0.1']
EOF
node scripts/readme-blocks.js preapprove "$app/.yarnrc.yml"
# Time only: skip compiling native modules that the backend never loads (tree-sitter for the
# API docs' browser bundle, keytar for the CLI's login, cpu-features for ssh2), and better-sqlite3,
# whose binary comes from this repository after the install (reuse_better_sqlite3). Nothing of
# the plugins' install differs.
skip_native_builds "$app/package.json" tree-sitter keytar cpu-features better-sqlite3

step "the README's install lines"
node scripts/readme-blocks.js show install
(
  cd "$app"
  while IFS= read -r line; do
    [ -n "$line" ] || continue
    echo "\$ $line"
    bash -c "$line" >>"$artifacts/install.log" 2>&1 || fail "'$line' failed (artifacts/adopter/install.log)"
  done < <(node "$MLOPS_ROOT/scripts/readme-blocks.js" show install | grep -v '^#')
)

reuse_better_sqlite3 "$app"

step "the README's backend lines, config and first ML service"
node scripts/readme-blocks.js apply "$app"

step "build the app; start the backend on :$PORT"
(cd "$app" && yarn tsc >"$artifacts/tsc.log" 2>&1) || fail "the app does not type-check with the plugins (artifacts/adopter/tsc.log)"
(cd "$app" && yarn workspace app build >"$artifacts/app-build.log" 2>&1) || fail "the app does not build (artifacts/adopter/app-build.log)"
MLFLOW_URL="${MLOPS_MLFLOW_URL:-http://127.0.0.1:9}"
export MLFLOW_URL
(cd "$app/packages/backend" && exec setsid yarn start --config ../../app-config.yaml \
  --config ../../app-config.adopter-test.yaml) >"$artifacts/backend.log" 2>&1 &
pids+=($!)
wait_ready "$MLOPS_ADOPTER_URL" "${pids[-1]}" 240 "$artifacts/backend.log" ||
  fail "the backend is not ready (artifacts/adopter/backend.log)"

step "check the health route, the assessment, the catalog label and the pages"
# CI starts this test while it installs Chromium in the background; this waits for that.
ensure_debian_packages chromium:/usr/bin/chromium
MLOPS_ADOPTER_EXPECTED_LEVEL="$(node scripts/readme-blocks.js expected-level)" \
  node scripts/adopter-check.js
echo "adopter-test: passed"
