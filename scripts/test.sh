#!/usr/bin/env bash
# Every test of the project, as CI runs it (.ci/run calls this):
# install, type check, lint, prettier, one Backstage release line, unit tests on SQLite and
# PostgreSQL, the integration tests against real tools, the live demo checked through the API
# (scripts/live-test.sh), the browser tests, the packages packed, checked and installed into a
# fresh Backstage app (scripts/adopter-test.sh), and the production bundle on PostgreSQL.
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
# The Debian packages the tests need (PostgreSQL, Chromium, Prometheus) install at once, in the
# background, while the type check and lint run; whoever needs one meanwhile waits its turn.
ensure_debian_packages postgresql:/usr/lib/postgresql chromium:/usr/bin/chromium \
  prometheus:/usr/bin/prometheus >artifacts/apt.log 2>&1 &
# So do the real ML tools of the integration tests: each installs its virtual environment from
# PyPI (reused while its requirements are unchanged), starts on 127.0.0.1 and is seeded, all at
# once; the unit tests that need none run meanwhile.
trap stop_tools EXIT
start_tools_in_background airflow:start_airflow airflow2:start_airflow2 mlflow:start_mlflow \
  prometheus:start_prometheus evidently:start_evidently feast:start_feast dagster:start_dagster \
  moto:start_moto
step "one version of each @backstage/* package"
node scripts/check-backstage-versions.js
node --test --test-reporter=dot scripts/*.test.js
step "type check"
yarn tsc
# The adopter test is the longest (installs, an app build) and waits on the network most: it
# starts once the declarations it packs exist, and runs beside everything that follows.
step "in the background: the packages installed into a fresh create-app app as the README says"
adopter_status=0
bash scripts/adopter-test.sh >artifacts/adopter-test.log 2>&1 &
adopter=$!
step "lint"
yarn lint:all
step "prettier"
yarn prettier:check
step "PostgreSQL for the database tests"
ensure_postgres

unit_status=0
rm -f artifacts/jest.json artifacts/jest-integration.json artifacts/jest-faults.json \
  artifacts/e2e/results.json
# The tool servers take CPU while they idle (schedulers, DAG processors): they are tested as
# soon as they are up, and stopped before the unit tests.
step "integration tests against the real ML tools (PyPI, Debian, 127.0.0.1)"
wait_for_tools || unit_status=$?
yarn backstage-cli repo test --testPathPatterns '\.integration\.test\.ts$' \
  --testPathIgnorePatterns '/src/tests/' \
  --json --outputFile=artifacts/jest-integration.json || unit_status=$?
stop_tools

step "unit tests (SQLite and $MLOPS_TEST_POSTGRES_ID)"
yarn backstage-cli repo test --testPathIgnorePatterns '\.integration\.test\.ts$' \
  --json --outputFile=artifacts/jest.json || unit_status=$?

# The fault tests start processes of their own (a backend killed with -9, a PostgreSQL cluster
# stopped mid-run) and spend most of their time waiting for them: they run in the background,
# beside the builds and the browser tests.
step "in the background: the fault tests with real processes (src/tests/*.integration.test.ts)"
faults_status=0
yarn backstage-cli repo test --testPathPatterns '/src/tests/.*\.integration\.test\.ts$' \
  --json --outputFile=artifacts/jest-faults.json >artifacts/jest-faults.log 2>&1 &
faults=$!

step "the production bundle (scripts/production-test.sh build)"
production_status=0
bash scripts/production-test.sh build || production_status=$?
step "in the background: the production bundle on PostgreSQL (scripts/production-test.sh run)"
production=""
if [ "$production_status" = 0 ]; then
  bash scripts/production-test.sh run >artifacts/production-test.log 2>&1 &
  production=$!
fi

# The live demo from scratch (scripts/start-live.sh with every tool seeded for the demo catalog,
# checked through the API on :7307) takes the integration tests' ports, and runs beside the
# browser tests, once the app they both serve is built; they share the demo's Git host.
ensure_demo_repos
trap 'stop_tools; stop_demo_repos' EXIT
step "in the background: the live demo, checked through the API (scripts/live-test.sh)"
live_status=0
bash scripts/live-test.sh >artifacts/live-test.log 2>&1 &
live=$!

step "browser tests (headless Chromium)"
e2e_status=0
# The production build has just built the app; e2e.sh builds it only when that failed.
app_built=""
[ "$production_status" != 0 ] || app_built=1
MLOPS_E2E_APP_BUILT="$app_built" bash scripts/e2e.sh || e2e_status=$?

step "the live demo (scripts/live-test.sh; log in artifacts/live-test.log)"
wait "$live" || live_status=$?
grep -v '^\(tools\.sh\|  \)' artifacts/live-test.log | tail -20 || true

step "the production run (scripts/production-test.sh run; log in artifacts/production-test.log)"
if [ -n "$production" ]; then wait "$production" || production_status=$?; fi
cat artifacts/production-test.log 2>/dev/null || true

step "the fault tests (log in artifacts/jest-faults.log)"
wait "$faults" || faults_status=$?
tail -30 artifacts/jest-faults.log

step "the adopter test (scripts/adopter-test.sh; full log in artifacts/adopter-test.log)"
wait "$adopter" || adopter_status=$?
grep -v '^➤ YN0000: \(dist\|CHANGELOG\|README\|package.json\|migrations\|config\)' artifacts/adopter-test.log | tail -60 || true

step "summary"
summary_status=0
node scripts/summarize-tests.js --jest artifacts/jest.json,artifacts/jest-integration.json,artifacts/jest-faults.json --postgres "$MLOPS_TEST_POSTGRES_ID" \
  --integration "against a real" --servers "MLflow,Airflow 3,Airflow 2,Prometheus,Evidently,Feast,Dagster,moto" \
  --playwright artifacts/e2e/results.json \
  --checks "live-test=$live_status,adopter-test=$adopter_status,production-test=$production_status" \
  --logs "live-test=artifacts/live-test.log,adopter-test=artifacts/adopter-test.log,production-test=artifacts/production-test.log" ||
  summary_status=$?
[ "$unit_status" = 0 ] && [ "$faults_status" = 0 ] && [ "$e2e_status" = 0 ] &&
  [ "$summary_status" = 0 ]
