// Run with: node --test scripts/
const test = require('node:test');
const assert = require('node:assert');
const { resolvedVersions } = require('./check-backstage-versions');

const lock = `
"@backstage/backend-defaults@npm:^0.18.0":
  version: 0.18.0
  resolution: "@backstage/backend-defaults@npm:0.18.0"

"@backstage/backend-defaults@npm:^0.19.0, @backstage/backend-defaults@npm:~0.19.0":
  version: 0.19.0
  resolution: "@backstage/backend-defaults@npm:0.19.0"

"@backstage/errors@npm:^1.4.0":
  version: 1.4.0
  resolution: "@backstage/errors@npm:1.4.0"
`;

test('finds every version a package resolves to', () => {
  const versions = resolvedVersions(lock);
  assert.deepStrictEqual(
    [...versions.get('@backstage/backend-defaults')],
    ['0.18.0', '0.19.0'],
  );
  assert.deepStrictEqual([...versions.get('@backstage/errors')], ['1.4.0']);
});

test('the committed yarn.lock has one version of each @backstage/* package', () => {
  const fs = require('node:fs');
  const path = require('node:path');
  const versions = resolvedVersions(
    fs.readFileSync(path.join(__dirname, '..', 'yarn.lock'), 'utf8'),
  );
  const mixed = [...versions].filter(
    ([n, v]) => n.startsWith('@backstage/') && v.size > 1,
  );
  assert.deepStrictEqual(mixed, []);
});
