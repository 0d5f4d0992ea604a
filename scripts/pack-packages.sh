#!/usr/bin/env bash
# Builds and packs every publishable package as `yarn npm publish` would, into one folder
# (default artifacts/packages), then checks the tarballs (scripts/check-packages.js) and runs
# `yarn npm publish --dry-run` for each. Usage: bash scripts/pack-packages.sh [folder]
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$MLOPS_ROOT"
out="$(realpath -m "${1:-artifacts/packages}")"

ensure_install
take_build_lock
yarn tsc # the declarations that `backstage-cli package build` bundles
rm -rf "$out"
mkdir -p "$out"
# prepack (backstage-cli package prepack) rewrites main/types/exports to dist and checks the
# Backstage metadata; yarn replaces workspace: ranges with the versions being packed.
yarn workspaces foreach --all --no-private --topological --verbose run build
yarn workspaces foreach --all --no-private pack --out "$out/%s-%v.tgz"
node scripts/check-packages.js "$out"
yarn workspaces foreach --all --no-private npm publish --dry-run --access public >/dev/null
echo "pack-packages: $(ls "$out" | wc -l) packages in $out, publish dry-run passed"
