#!/usr/bin/env node
// Checks the tarballs that `scripts/pack-packages.sh` made, as the registry and an adopter's
// `yarn add` would see them: Backstage metadata, publishable manifest, entry points that exist,
// what ships (dist, config schema, migrations, README, CHANGELOG) and what must not (tests,
// fixtures, sources). Usage: node scripts/check-packages.js <folder of .tgz files>
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const ROOT = path.resolve(__dirname, '..');
const SCOPE = '@mlops-maturity/';
const FORBIDDEN = [
  /\.test\.[cm]?[jt]sx?$/,
  /(^|\/)__(fixtures|testUtils|mocks)__\//,
  /(^|\/)setupTests\.[jt]s$/,
  /^src\//,
];
const ROLES_WITH_PLUGIN_PACKAGES = [
  'frontend-plugin',
  'backend-plugin',
  'common-library',
  'node-library',
  'web-library',
];

/** The entries of a tarball, without npm's `package/` prefix. */
function listTarball(file) {
  return execFileSync('tar', ['tzf', file], { encoding: 'utf8' })
    .split('\n')
    .filter(Boolean)
    .map(entry => entry.replace(/^package\//, ''));
}

function readPackedManifest(file) {
  return JSON.parse(
    execFileSync('tar', ['xzf', file, '-O', 'package/package.json'], {
      encoding: 'utf8',
    }),
  );
}

function readPackedFile(file, entry) {
  return execFileSync('tar', ['xzf', file, '-O', `package/${entry}`], {
    encoding: 'utf8',
  });
}

/** Every file path an `exports`/`main`/`types` field points at. */
function entryPoints(manifest) {
  const targets = [manifest.main, manifest.module, manifest.types];
  const walk = node => {
    if (typeof node === 'string') targets.push(node);
    else if (node && typeof node === 'object') {
      // `backstage` is a marker condition (e.g. @backstage/FrontendPlugin), not a file
      Object.entries(node)
        .filter(([condition]) => condition !== 'backstage')
        .forEach(([, value]) => walk(value));
    }
  };
  walk(manifest.exports);
  return targets
    .filter(Boolean)
    .map(target => target.replace(/^\.\//, ''))
    .filter(target => target !== 'package.json');
}

/**
 * The problems of one packed package; `source` is the workspace's own package.json and
 * `workspaceDir` its folder relative to the repository root.
 */
function checkPackage({ entries, manifest, changelog, source, workspaceDir }) {
  const problems = [];
  const has = entry => entries.includes(entry);
  const role = manifest.backstage?.role;

  if (!manifest.name?.startsWith(SCOPE)) {
    problems.push(`name ${manifest.name} is not under ${SCOPE}`);
  }
  if (manifest.private) problems.push('is private');
  if (!/^\d+\.\d+\.\d+(-[\w.]+)?$/.test(manifest.version ?? '')) {
    problems.push(`version ${manifest.version} is not a release version`);
  }
  if (manifest.license !== 'Apache-2.0')
    problems.push('licence is not Apache-2.0');
  if (!manifest.description) problems.push('has no description');
  if (!manifest.keywords?.includes('backstage')) {
    problems.push('keywords lack "backstage"');
  }
  if (manifest.publishConfig?.access !== 'public') {
    problems.push('publishConfig.access is not public');
  }
  if (manifest.repository?.directory !== workspaceDir) {
    problems.push(
      `repository.directory is ${manifest.repository?.directory}, not ${workspaceDir}`,
    );
  }
  if (!role) problems.push('has no backstage.role');
  if (
    role !== 'backend-plugin-module' &&
    manifest.backstage?.pluginId !== 'mlops-maturity'
  ) {
    problems.push('backstage.pluginId is not mlops-maturity');
  }
  if (ROLES_WITH_PLUGIN_PACKAGES.includes(role)) {
    const listed = manifest.backstage?.pluginPackages ?? [];
    if (!listed.includes(manifest.name)) {
      problems.push(
        'backstage.pluginPackages does not list the package itself',
      );
    }
  }
  if (role === 'backend-plugin-module' && !manifest.backstage?.pluginPackage) {
    problems.push('backstage.pluginPackage is missing');
  }
  for (const [field, deps] of Object.entries({
    dependencies: manifest.dependencies,
    peerDependencies: manifest.peerDependencies,
  })) {
    for (const [name, range] of Object.entries(deps ?? {})) {
      if (/^(workspace|link|file|portal):/.test(range)) {
        problems.push(`${field}.${name} is ${range}`);
      }
    }
  }
  // An app has one backend runtime; a plugin that brings its own makes a second copy.
  for (const runtime of [
    '@backstage/backend-defaults',
    '@backstage/backend-app-api',
  ]) {
    if (manifest.dependencies?.[runtime]) {
      problems.push(`depends on ${runtime} (a devDependency at most)`);
    }
  }
  for (const target of entryPoints(manifest)) {
    if (target.startsWith('src/')) {
      problems.push(`entry point ${target} is a source file`);
    } else if (!has(target)) {
      problems.push(`entry point ${target} is not in the tarball`);
    }
  }
  if (!entries.some(e => e.startsWith('dist/')))
    problems.push('ships no dist/');
  for (const file of ['README.md', 'CHANGELOG.md', 'package.json']) {
    if (!has(file)) problems.push(`ships no ${file}`);
  }
  if (manifest.configSchema && !has(manifest.configSchema)) {
    problems.push(`ships no ${manifest.configSchema} (configSchema)`);
  }
  if (
    role === 'backend-plugin' &&
    source.files?.some(f => f.startsWith('migrations'))
  ) {
    if (!entries.some(e => /^migrations\/\d+_.*\.js$/.test(e))) {
      problems.push('ships no migrations');
    }
  }
  for (const entry of entries) {
    if (FORBIDDEN.some(pattern => pattern.test(entry))) {
      problems.push(`ships ${entry}`);
    }
  }
  if (changelog !== undefined) {
    const top = /^## (\S+)/m.exec(changelog)?.[1];
    if (top !== manifest.version) {
      problems.push(
        `CHANGELOG.md starts at ${top}, the package is ${manifest.version}`,
      );
    }
  }
  return problems;
}

/** The publishable workspaces of the repository: folder → package.json. */
function publishableWorkspaces() {
  const found = new Map();
  for (const parent of ['plugins', 'packages']) {
    for (const dir of fs.readdirSync(path.join(ROOT, parent))) {
      const file = path.join(ROOT, parent, dir, 'package.json');
      if (!fs.existsSync(file)) continue;
      const source = JSON.parse(fs.readFileSync(file, 'utf8'));
      if (!source.private) found.set(`${parent}/${dir}`, source);
    }
  }
  return found;
}

function main(folder) {
  const tarballs = fs.readdirSync(folder).filter(f => f.endsWith('.tgz'));
  const workspaces = publishableWorkspaces();
  let failed = false;
  const seen = new Set();
  for (const tarball of tarballs) {
    const file = path.join(folder, tarball);
    const entries = listTarball(file);
    const manifest = readPackedManifest(file);
    const [workspaceDir, source] =
      [...workspaces].find(([, pkg]) => pkg.name === manifest.name) ?? [];
    seen.add(manifest.name);
    const problems = source
      ? checkPackage({
          entries,
          manifest,
          changelog: entries.includes('CHANGELOG.md')
            ? readPackedFile(file, 'CHANGELOG.md')
            : undefined,
          source,
          workspaceDir,
        })
      : [`no publishable workspace is named ${manifest.name}`];
    console.log(
      `${problems.length ? 'FAIL' : 'ok  '} ${manifest.name}@${
        manifest.version
      } (${entries.length} files)`,
    );
    problems.forEach(p => console.log(`     - ${p}`));
    failed ||= problems.length > 0;
  }
  for (const pkg of workspaces.values()) {
    if (!seen.has(pkg.name)) {
      console.log(`FAIL ${pkg.name}: no tarball`);
      failed = true;
    }
  }
  return failed ? 1 : 0;
}

module.exports = { checkPackage, entryPoints };

if (require.main === module) {
  if (!process.argv[2]) {
    console.error(
      'usage: node scripts/check-packages.js <folder of .tgz files>',
    );
    process.exit(2);
  }
  process.exit(main(process.argv[2]));
}
