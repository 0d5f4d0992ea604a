#!/usr/bin/env bash
# Every test of the project, as CI runs it (.ci/run calls this):
# install, type check, lint, prettier, one Backstage release line, unit tests on SQLite and
# PostgreSQL, the browser tests, then the packages: packed, checked and installed into a fresh
# Backstage app (scripts/adopter-test.sh), and the production bundle on PostgreSQL.
# Ends with one line: "tests: N passed, N failed".
set -euo pipefail
source "$(dirname "$0")/env.sh"
source "$(dirname "$0")/postgres.sh"
source "$(dirname "$0")/tools.sh"
cd "$MLOPS_ROOT"
export CI="${CI:-true}" # backstage-cli runs jest in watch mode unless CI is set

step() { printf '\n==> [%s] %s\n' "$(date +%T)" "$*"; }

step "install"
ensure_install
mkdir -p artifacts
# The ML tools' virtual environments download from PyPI while the type check and lint run.
(
  ensure_venv mlflow integration/mlflow/requirements.txt &&
    ensure_venv airflow integration/airflow/requirements.txt &&
    ensure_venv airflow2 integration/airflow/requirements-airflow2.txt
) >artifacts/venvs.log 2>&1 &
venvs=$!
# So does the adopter test's local registry (Verdaccio) and create-app.
bash scripts/adopter-test.sh --prepare >artifacts/adopter-prepare.log 2>&1 &
adopter_prepare=$!
step "one version of each @backstage/* package"
node scripts/check-backstage-versions.js
node --test --test-reporter=dot scripts/*.test.js
step "type check"
yarn tsc
step "lint"
yarn lint:all
step "prettier"
yarn prettier:check
step "PostgreSQL for the database tests"
ensure_postgres
step "real ML tools for the integration tests (PyPI, 127.0.0.1)"
trap stop_tools EXIT
wait "$venvs" || echo "the virtual environments failed in the background (artifacts/venvs.log); retrying" >&2
start_mlflow
start_airflow
start_airflow2

step "unit tests (SQLite and $MLOPS_TEST_POSTGRES_ID)"
unit_status=0
rm -f artifacts/jest.json artifacts/e2e/results.json
yarn backstage-cli repo test --json --outputFile=artifacts/jest.json || unit_status=$?

# The adoption checks are slow on installs (network, native builds), so they run beside the
# browser tests: first the production bundle is built (it builds workspace packages, as the
# adopter test's packing does), then the adopter test starts in the background.
step "the production bundle (scripts/production-test.sh build)"
production_status=0
adopter_status=0
bash scripts/production-test.sh build || production_status=$?
step "in the background: the packages installed into a fresh create-app app as the README says"
wait "$adopter_prepare" || true # the adopter test installs what is missing itself
bash scripts/adopter-test.sh >artifacts/adopter-test.log 2>&1 &
adopter=$!

step "browser tests (headless Chromium)"
e2e_status=0
bash scripts/e2e.sh || e2e_status=$?

step "production: the bundle on PostgreSQL (scripts/production-test.sh run)"
if [ "$production_status" = 0 ]; then bash scripts/production-test.sh run || production_status=$?; fi

step "the adopter test (scripts/adopter-test.sh; full log in artifacts/adopter-test.log)"
wait "$adopter" || adopter_status=$?
grep -v '^➤ YN0000: \(dist\|CHANGELOG\|README\|package.json\|migrations\|config\)' artifacts/adopter-test.log | tail -60 || true

step "summary"
summary_status=0
node scripts/summarize-tests.js --jest artifacts/jest.json --postgres "$MLOPS_TEST_POSTGRES_ID" \
  --integration "against a real" --servers "MLflow,Airflow 3,Airflow 2" \
  --playwright artifacts/e2e/results.json \
  --checks "adopter-test=$adopter_status,production-test=$production_status" ||
  summary_status=$?
[ "$unit_status" = 0 ] && [ "$e2e_status" = 0 ] && [ "$summary_status" = 0 ]
