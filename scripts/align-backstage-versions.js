#!/usr/bin/env node
// Moves every @backstage/* dependency of an app to the release line this repository is built
// and tested on (the versions its yarn.lock resolves), as `backstage-cli versions:bump` would.
// That command reads the release manifest from versions.backstage.io, which the adopter test
// cannot reach; a create-app app without its yarn.lock seed mixes release lines otherwise.
// Usage: node scripts/align-backstage-versions.js <app folder>
const fs = require('node:fs');
const path = require('node:path');
const { resolvedVersions } = require('./check-backstage-versions');

const FIELDS = ['dependencies', 'devDependencies', 'peerDependencies'];

/** The package.json with each @backstage/* range raised to `^` our version; returns changes. */
function align(manifest, ours) {
  const changes = [];
  for (const field of FIELDS) {
    for (const [name, range] of Object.entries(manifest[field] ?? {})) {
      const versions = ours.get(name);
      if (!name.startsWith('@backstage/') || !versions || versions.size !== 1)
        continue;
      const wanted = `^${[...versions][0]}`;
      if (range !== wanted && /^[\^~]?\d/.test(range)) {
        manifest[field][name] = wanted;
        changes.push(`${name} ${range} -> ${wanted}`);
      }
    }
  }
  return changes;
}

function main(appDir) {
  const ours = resolvedVersions(
    fs.readFileSync(path.resolve(__dirname, '..', 'yarn.lock'), 'utf8'),
  );
  const manifests = [
    'package.json',
    'packages/app/package.json',
    'packages/backend/package.json',
  ];
  for (const file of manifests) {
    const full = path.join(appDir, file);
    const manifest = JSON.parse(fs.readFileSync(full, 'utf8'));
    const changes = align(manifest, ours);
    fs.writeFileSync(full, `${JSON.stringify(manifest, null, 2)}\n`);
    console.log(
      `${file}: ${changes.length} @backstage/* ranges moved to this repository's line`,
    );
  }
}

module.exports = { align };

if (require.main === module) main(process.argv[2]);
