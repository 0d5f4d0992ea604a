#!/usr/bin/env bash
# Releases the @mlops-maturity/* packages (docs/releasing.md).
#   bash scripts/release.sh version            pending changesets -> versions and CHANGELOG.md entries
#   bash scripts/release.sh publish --dry-run  build, pack, check and `yarn npm publish --dry-run` (CI)
#   bash scripts/release.sh publish            the same, then publish to npm and tag the release
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$MLOPS_ROOT"

case "${1:-}" in
version)
  yarn changeset version
  yarn install --mode=update-lockfile
  yarn prettier --write 'plugins/*/CHANGELOG.md' 'plugins/*/package.json' >/dev/null
  git status --short
  ;;
publish)
  bash scripts/pack-packages.sh artifacts/packages
  if [ "${2:-}" = "--dry-run" ]; then exit 0; fi
  # Needs npm credentials for the @mlops-maturity scope (npmAuthToken, e.g. YARN_NPM_AUTH_TOKEN).
  yarn workspaces foreach --all --no-private --topological npm publish --access public --tolerate-republish
  yarn changeset git-tag
  ;;
*)
  echo "usage: bash scripts/release.sh version | publish [--dry-run]" >&2
  exit 2
  ;;
esac
