const test = require('node:test');
const assert = require('node:assert');
const { checkPackage } = require('./check-packages');

const manifest = {
  name: '@mlops-maturity/plugin-mlops-maturity-backend',
  version: '0.1.0',
  license: 'Apache-2.0',
  description: 'Backend plugin',
  keywords: ['backstage'],
  main: 'dist/index.cjs.js',
  types: 'dist/index.d.ts',
  publishConfig: { access: 'public' },
  repository: { directory: 'plugins/mlops-maturity-backend' },
  backstage: {
    role: 'backend-plugin',
    pluginId: 'mlops-maturity',
    pluginPackages: ['@mlops-maturity/plugin-mlops-maturity-backend'],
  },
  configSchema: 'config.d.ts',
  dependencies: { '@backstage/config': '^1.3.11' },
};
const entries = [
  'package.json',
  'README.md',
  'CHANGELOG.md',
  'config.d.ts',
  'dist/index.cjs.js',
  'dist/index.d.ts',
  'migrations/20261126120000_init.js',
];
const good = {
  entries,
  manifest,
  changelog: '# x\n\n## 0.1.0\n',
  source: { files: ['dist', 'migrations/**/*.{js,d.ts}', 'config.d.ts'] },
  workspaceDir: 'plugins/mlops-maturity-backend',
};

test('a complete package has no problems', () => {
  assert.deepStrictEqual(checkPackage(good), []);
});

const broken = {
  'private package': { manifest: { ...manifest, private: true } },
  'missing pluginPackages': {
    manifest: {
      ...manifest,
      backstage: { role: 'backend-plugin', pluginId: 'mlops-maturity' },
    },
  },
  'workspace: dependency': {
    manifest: {
      ...manifest,
      dependencies: {
        '@mlops-maturity/plugin-mlops-maturity-common': 'workspace:^',
      },
    },
  },
  'the backend runtime as a dependency': {
    manifest: {
      ...manifest,
      dependencies: { '@backstage/backend-defaults': '^0.19.0' },
    },
  },
  'main still pointing at src': {
    manifest: { ...manifest, main: 'src/index.ts' },
  },
  'wrong repository directory': {
    manifest: { ...manifest, repository: { directory: 'plugins/other' } },
  },
  'no config schema shipped': {
    entries: entries.filter(e => e !== 'config.d.ts'),
  },
  'no migrations shipped': {
    entries: entries.filter(e => !e.startsWith('migrations/')),
  },
  'no CHANGELOG': { entries: entries.filter(e => e !== 'CHANGELOG.md') },
  'a test file shipped': { entries: [...entries, 'dist/plugin.test.js'] },
  'fixtures shipped': {
    entries: [...entries, 'dist/collectors/__fixtures__/a.json'],
  },
  'CHANGELOG behind the version': { changelog: '# x\n\n## 0.0.9\n' },
};

for (const [name, change] of Object.entries(broken)) {
  test(`finds ${name}`, () => {
    assert.notDeepStrictEqual(checkPackage({ ...good, ...change }), []);
  });
}
