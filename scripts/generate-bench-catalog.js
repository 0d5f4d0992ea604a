#!/usr/bin/env node
// Writes a catalog file of N synthetic ML services (default 10,000) owned by 200 groups in 20
// systems, with annotations that put them at every level 0–4, for scripts/bench-ui.sh.
// Usage: node scripts/generate-bench-catalog.js <out.yaml> [count]
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const yaml = require('yaml');

const [out, countArg] = process.argv.slice(2);
if (!out) {
  console.error('usage: generate-bench-catalog.js <out.yaml> [count]');
  process.exit(2);
}
const count = Number(countArg ?? 10000);
const GROUPS = 200;
const SYSTEMS = 20;

/**
 * The annotations of the first demo service at each level (examples/ml-services.yaml, whose
 * "# expect: level=N" comments say the level), without its target override.
 */
function annotationsByLevel() {
  const text = fs.readFileSync(
    path.join(__dirname, '..', 'examples', 'ml-services.yaml'),
    'utf8',
  );
  const byLevel = [];
  for (const chunk of text.split(/^---$/m)) {
    const expect = /# expect: level=(\d)/.exec(chunk);
    if (!expect || byLevel[Number(expect[1])]) continue;
    const entity = yaml.parse(chunk);
    const annotations = { ...(entity.metadata.annotations ?? {}) };
    delete annotations['mlops-maturity.io/target-level'];
    byLevel[Number(expect[1])] = Object.entries(annotations).map(
      ([key, value]) => `${key}: ${JSON.stringify(String(value))}`,
    );
  }
  return byLevel;
}
const LEVEL_ANNOTATIONS = annotationsByLevel();

const docs = [];
for (let i = 0; i < count; i++) {
  const level = i % 5;
  const name = `bench-svc-${String(i).padStart(5, '0')}`;
  const annotations = LEVEL_ANNOTATIONS[level] ?? [];
  docs.push(
    [
      'apiVersion: backstage.io/v1alpha1',
      'kind: Component',
      'metadata:',
      `  name: ${name}`,
      '  tags: [ml-service]',
      ...(annotations.length
        ? ['  annotations:', ...annotations.map(a => `    ${a}`)]
        : []),
      'spec:',
      '  type: service',
      `  lifecycle: ${i % 3 === 0 ? 'experimental' : 'production'}`,
      `  owner: bench-team-${i % GROUPS}`,
      `  system: bench-system-${i % SYSTEMS}`,
    ].join('\n'),
  );
}
for (let s = 0; s < SYSTEMS; s++) {
  docs.push(
    [
      'apiVersion: backstage.io/v1alpha1',
      'kind: System',
      'metadata:',
      `  name: bench-system-${s}`,
      'spec:',
      `  owner: bench-team-${s}`,
      `  domain: bench-domain-${s % 4}`,
    ].join('\n'),
  );
}
fs.writeFileSync(out, `${docs.join('\n---\n')}\n`);
console.log(`wrote ${count} ML services to ${out}`);
