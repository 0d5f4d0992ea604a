#!/usr/bin/env bash
# The README's "Production" steps without Docker, as packages/backend/Dockerfile runs them:
# build the app and the backend bundle, unpack the skeleton into an empty folder, install the
# production dependencies only, unpack the bundle, and start `node packages/backend` with
# app-config.production.yaml on PostgreSQL. Then checks that it is ready, serves the app, guards
# the API, migrated its database and completed an assessment run there.
# Port 7207; logs in artifacts/production/.
#   bash scripts/production-test.sh          build, then run and check
#   bash scripts/production-test.sh build    only build the bundle
#   bash scripts/production-test.sh run      only install, run and check the bundle already built
set -euo pipefail
phase="${1:-all}"
source "$(dirname "$0")/env.sh"
source "$(dirname "$0")/postgres.sh"
cd "$MLOPS_ROOT"

PORT=7207
BASE="http://localhost:$PORT"
artifacts="$MLOPS_ROOT/artifacts/production"
mkdir -p "$artifacts"
prod="$(mktemp -d /tmp/mlops-production.XXXXXX)"
backend=""
cleanup() {
  [ -z "$backend" ] || kill -- "-$backend" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$prod"
  [ -z "${psql_bin:-}" ] || for name in $("$psql_bin" "${pg_url%/}/postgres" -tAc \
    "select datname from pg_database where datname like '${prefix}%'" 2>/dev/null); do
    "$psql_bin" "${pg_url%/}/postgres" -qc "drop database \"$name\"" >/dev/null 2>&1 || true
  done
}
trap cleanup EXIT
fail() {
  echo "production-test: $*" >&2
  exit 1
}

ensure_install
ensure_postgres
pg_url="${MLOPS_TEST_POSTGRES_URL:-postgresql://postgres@127.0.0.1:${MLOPS_PG_PORT:-55432}}"
psql_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)/psql"
[ -x "$psql_bin" ] || psql_bin=psql
# A database prefix of its own, so that the run starts on empty databases every time.
prefix="mlops_prod_test_$$_"

if [ "$phase" != run ]; then
  echo "--> production: build the backend bundle (with the app)"
  take_build_lock
  yarn tsc
  yarn build:backend >"$artifacts/backend-build.log" 2>&1 || fail "backend build failed (artifacts/production/backend-build.log)"
  release_build_lock
fi
[ "$phase" != build ] || exit 0

echo "--> production: skeleton, production dependencies, bundle in $prod"
mkdir -p "$prod/.yarn"
cp -r .yarn/releases "$prod/.yarn/"
cp .yarnrc.yml backstage.json yarn.lock package.json "$prod/"
tar xzf packages/backend/dist/skeleton.tar.gz -C "$prod"
# Time only: better-sqlite3 is not compiled a third time; its binary comes from this repository's
# install (reuse_better_sqlite3), the same version for the same Node.
skip_native_builds "$prod/package.json" better-sqlite3
(cd "$prod" && NODE_ENV=production yarn workspaces focus --all --production) \
  >"$artifacts/focus.log" 2>&1 || fail "yarn workspaces focus --all --production failed (artifacts/production/focus.log)"
reuse_better_sqlite3 "$prod"
cp -r examples "$prod/"
cp app-config.yaml app-config.production.yaml "$prod/"
tar xzf packages/backend/dist/bundle.tar.gz -C "$prod"
[ ! -e "$prod/node_modules/@backstage/cli" ] || fail "the production install holds devDependencies (@backstage/cli)"

cat >"$prod/app-config.port.yaml" <<EOF
app:
  baseUrl: $BASE
backend:
  baseUrl: $BASE
  listen: ':$PORT'
  database:
    prefix: $prefix
EOF

echo "--> production: node packages/backend on PostgreSQL, port $PORT"
(
  cd "$prod"
  export NODE_ENV=production POSTGRES_HOST=127.0.0.1 POSTGRES_PORT="${pg_url##*:}"
  export POSTGRES_USER=postgres POSTGRES_PASSWORD=unused-with-trust-auth
  exec setsid node packages/backend --config app-config.yaml --config app-config.production.yaml \
    --config app-config.port.yaml
) >"$artifacts/backend.log" 2>&1 &
backend=$!
wait_ready "$BASE" "$backend" 180 "$artifacts/backend.log" ||
  fail "the backend is not ready (artifacts/production/backend.log)"
echo "ok   ready"

code="$(curl -s -o /dev/null -w '%{http_code}' "$BASE/api/mlops-maturity/health")"
[ "$code" = 200 ] || fail "GET /api/mlops-maturity/health answered $code"
echo "ok   GET /api/mlops-maturity/health: 200"
code="$(curl -s -o /dev/null -w '%{http_code}' "$BASE/api/mlops-maturity/v1/entities")"
[ "$code" = 401 ] || fail "GET /api/mlops-maturity/v1/entities without credentials answered $code"
echo "ok   GET /api/mlops-maturity/v1/entities without credentials: 401"
curl -sf "$BASE/mlops-maturity" | grep -q '<div id="root">' || fail "the backend does not serve the app"
echo "ok   the app is served at /mlops-maturity"

db=""
query() { "$psql_bin" "${pg_url%/}/$db" -tAc "$1" 2>/dev/null; }
for _ in $(seq 1 90); do
  [ -n "$db" ] || db="$("$psql_bin" "${pg_url%/}/postgres" -tAc \
    "select datname from pg_database where datname = '${prefix}mlops-maturity'" 2>/dev/null || true)"
  runs="$(query "select count(*) from mlops_runs where status = 'completed' and assessed > 0" || echo 0)"
  [ "${runs:-0}" -gt 0 ] && break
  sleep 2
done
[ "${runs:-0}" -gt 0 ] || {
  tail -40 "$artifacts/backend.log" >&2
  fail "no completed assessment run in $db"
}
assessed="$(query "select count(*) from mlops_assessments")"
echo "ok   PostgreSQL database $db: migrated, a completed run, $assessed assessments"
echo "production-test: passed"
