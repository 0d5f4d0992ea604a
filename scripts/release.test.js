// The release flow on a copy of the workspace manifests: a changeset for one package moves all
// five @mlops-maturity/* packages to the same new version (they are `fixed`), writes a
// CHANGELOG.md entry in each, and leaves the private demo packages alone.
const test = require('node:test');
const assert = require('node:assert');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const ROOT = path.resolve(__dirname, '..');

function copy(relative, to) {
  const target = path.join(to, relative);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.copyFileSync(path.join(ROOT, relative), target);
}

function workspaceFiles() {
  const files = ['package.json', 'yarn.lock', '.changeset/config.json'];
  for (const parent of ['plugins', 'packages']) {
    for (const dir of fs.readdirSync(path.join(ROOT, parent))) {
      for (const name of ['package.json', 'CHANGELOG.md']) {
        const relative = `${parent}/${dir}/${name}`;
        if (fs.existsSync(path.join(ROOT, relative))) files.push(relative);
      }
    }
  }
  return files;
}

test('changeset version releases the five packages together', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlops-release-'));
  try {
    workspaceFiles().forEach(file => copy(file, dir));
    fs.symlinkSync(
      path.join(ROOT, 'node_modules'),
      path.join(dir, 'node_modules'),
    );
    fs.writeFileSync(
      path.join(dir, '.changeset/quiet-owls-sing.md'),
      "---\n'@mlops-maturity/plugin-mlops-maturity-backend': minor\n---\n\nA new route.\n",
    );
    const before = JSON.parse(
      fs.readFileSync(
        path.join(ROOT, 'plugins/mlops-maturity-backend/package.json'),
        'utf8',
      ),
    ).version;
    const [major, minor] = before.split('.').map(Number);
    const next = major === 0 ? `0.${minor + 1}.0` : `${major}.${minor + 1}.0`;

    execFileSync(
      process.execPath,
      [path.join(ROOT, 'node_modules/@changesets/cli/bin.js'), 'version'],
      { cwd: dir, stdio: 'pipe' },
    );

    const published = fs
      .readdirSync(path.join(dir, 'plugins'))
      .map(name => path.join(dir, 'plugins', name));
    assert.strictEqual(published.length, 5);
    for (const pkgDir of published) {
      const pkg = JSON.parse(
        fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8'),
      );
      assert.strictEqual(pkg.version, next, pkg.name);
      const changelog = fs.readFileSync(
        path.join(pkgDir, 'CHANGELOG.md'),
        'utf8',
      );
      assert.match(
        changelog,
        new RegExp(`^## ${next.replace(/\./g, '\\.')}$`, 'm'),
        pkg.name,
      );
      assert.match(changelog, /^## 0\.1\.0$/m, `${pkg.name} keeps its history`);
    }
    const backendLog = fs.readFileSync(
      path.join(dir, 'plugins/mlops-maturity-backend/CHANGELOG.md'),
      'utf8',
    );
    assert.match(backendLog, /A new route\./);
    for (const demo of ['app', 'backend']) {
      const pkg = JSON.parse(
        fs.readFileSync(
          path.join(dir, 'packages', demo, 'package.json'),
          'utf8',
        ),
      );
      const original = JSON.parse(
        fs.readFileSync(
          path.join(ROOT, 'packages', demo, 'package.json'),
          'utf8',
        ),
      );
      assert.strictEqual(
        pkg.version,
        original.version,
        `${demo} is not released`,
      );
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
