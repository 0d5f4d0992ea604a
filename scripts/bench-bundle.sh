#!/usr/bin/env bash
# What the MLOps maturity frontend plugin adds to the app's initial JavaScript: builds the app
# twice, with and without the plugin in packages/app's dependencies (package discovery only
# loads listed plugins), and compares the gzipped size of the scripts index.html loads.
# Results: artifacts/bench/bundle.json.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$MLOPS_ROOT"
ensure_install
mkdir -p artifacts/bench
out=artifacts/bench/bundle
rm -rf "$out" && mkdir -p "$out"

yarn workspace app build >/dev/null
cp -r packages/app/dist "$out/with"

cp packages/app/package.json "$out/package.json.orig"
restore() { cp "$out/package.json.orig" packages/app/package.json; }
trap restore EXIT
node -e '
  const fs = require("fs");
  const p = "packages/app/package.json";
  const pkg = JSON.parse(fs.readFileSync(p, "utf8"));
  delete pkg.dependencies["@mlops-maturity/plugin-mlops-maturity"];
  fs.writeFileSync(p, JSON.stringify(pkg, null, 2) + "\n");
'
yarn workspace app build >/dev/null
restore
cp -r packages/app/dist "$out/without"

node scripts/measure-initial-js.js "$out/with" >"$out/with.json"
node scripts/measure-initial-js.js "$out/without" >"$out/without.json"
node -e '
  const w = require(process.argv[1]), wo = require(process.argv[2]);
  const r = {
    withPlugin: { raw: w.raw, gzip: w.gzip, scripts: w.scripts, jsFiles: w.totalJsFiles },
    withoutPlugin: { raw: wo.raw, gzip: wo.gzip, scripts: wo.scripts, jsFiles: wo.totalJsFiles },
    addedInitialGzipBytes: w.gzip - wo.gzip,
    addedInitialRawBytes: w.raw - wo.raw,
    addedLazyFiles: w.totalJsFiles - wo.totalJsFiles,
    targetGzipBytes: 250 * 1024,
  };
  r.pass = r.addedInitialGzipBytes <= r.targetGzipBytes;
  require("fs").writeFileSync("artifacts/bench/bundle.json", JSON.stringify(r, null, 2) + "\n");
  console.log(JSON.stringify(r, null, 2));
' "$PWD/$out/with.json" "$PWD/$out/without.json"
