#!/usr/bin/env node
// Fails when yarn.lock resolves any @backstage/* package to more than one version:
// mixed release lines crash at start-up (e.g. `addWebSocketHandler is not a function`).
const fs = require('node:fs');
const path = require('node:path');

/** Maps each package name to the set of versions yarn.lock resolves it to. */
function resolvedVersions(lockText) {
  const versions = new Map();
  let names = [];
  for (const line of lockText.split('\n')) {
    if (/^"?@?[^\s].*:$/.test(line) && !line.startsWith(' ')) {
      names = line
        .replace(/:$/, '')
        .split(',')
        .map(s => s.trim().replace(/^"|"$/g, ''))
        .map(spec => spec.slice(0, spec.indexOf('@', 1)));
    } else {
      const m = /^ {2}version: "?([^"\s]+)"?$/.exec(line);
      if (m) {
        for (const name of names) {
          if (!versions.has(name)) versions.set(name, new Set());
          versions.get(name).add(m[1]);
        }
        names = [];
      }
    }
  }
  return versions;
}

if (require.main === module) {
  const lockPath = path.resolve(
    __dirname,
    '..',
    process.argv[2] ?? 'yarn.lock',
  );
  const versions = resolvedVersions(fs.readFileSync(lockPath, 'utf8'));
  const backstage = [...versions].filter(([name]) =>
    name.startsWith('@backstage/'),
  );
  const mixed = backstage.filter(([, v]) => v.size > 1);
  if (mixed.length > 0) {
    for (const [name, v] of mixed) {
      console.error(`${name}: ${[...v].join(', ')}`);
    }
    console.error(
      `${mixed.length} @backstage/* package(s) resolve to more than one version; align them with: yarn up '@backstage/*'`,
    );
    process.exit(1);
  }
  console.log(
    `one version of each of ${backstage.length} @backstage/* packages`,
  );
}

module.exports = { resolvedVersions };
