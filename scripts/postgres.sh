# shellcheck shell=bash
# Sourced by scripts that need PostgreSQL. Installs the Debian package when no server binaries
# are present, starts a throw-away cluster on 127.0.0.1 (port MLOPS_PG_PORT, default 55432)
# unless one is already answering there, and exports the connection string variable that
# Backstage's TestDatabases reads for that major version, plus MLOPS_TEST_POSTGRES_ID.
# Set MLOPS_TEST_POSTGRES_URL (and MLOPS_TEST_POSTGRES_ID, e.g. POSTGRES_16) to use your own server.

ensure_postgres() {
  if [ -n "${MLOPS_TEST_POSTGRES_URL:-}" ]; then
    local id="${MLOPS_TEST_POSTGRES_ID:-POSTGRES_16}"
    export MLOPS_TEST_POSTGRES_ID="$id"
    export "BACKSTAGE_TEST_DATABASE_${id/_/}_CONNECTION_STRING=$MLOPS_TEST_POSTGRES_URL"
    return 0
  fi
  local port="${MLOPS_PG_PORT:-55432}"
  local bindir
  bindir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  if [ -z "$bindir" ]; then
    ensure_debian_packages postgresql:/usr/lib/postgresql/ || {
      echo "postgres.sh: or set MLOPS_TEST_POSTGRES_URL to a server of your own" >&2
      return 1
    }
    bindir="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
  fi
  local major
  major="$(basename "$(dirname "$bindir")")"
  export MLOPS_TEST_POSTGRES_ID="POSTGRES_$major"
  export "BACKSTAGE_TEST_DATABASE_POSTGRES${major}_CONNECTION_STRING=postgresql://postgres@127.0.0.1:$port"

  if "$bindir/pg_isready" -q -h 127.0.0.1 -p "$port"; then return 0; fi

  local as=()
  if [ "$(id -u)" = 0 ]; then as=(runuser -u postgres --); fi
  local data="${MLOPS_PG_DATA:-/tmp/mlops-maturity-pg-$port}"
  if [ ! -f "$data/PG_VERSION" ]; then
    mkdir -p "$data"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$data"
    "${as[@]}" "$bindir/initdb" -D "$data" -U postgres --auth=trust >/dev/null || return 1
  fi
  "${as[@]}" "$bindir/pg_ctl" -D "$data" -l "$data/server.log" -w \
    -o "-h 127.0.0.1 -p $port -k /tmp -c fsync=off -c max_connections=200" start >/dev/null || {
    cat "$data/server.log" >&2
    return 1
  }
  echo "postgres.sh: PostgreSQL $major running on 127.0.0.1:$port" >&2
}
