#!/usr/bin/env node
// A Kubernetes API server for the demo: answers list requests for KServe InferenceServices,
// Argo Rollouts and Seldon Experiments from a JSON file of objects, as kube-apiserver would
// (a <Kind>List of items in namespace/name order, paged by limit/continue; 401 for another
// bearer token; Status objects for errors). Plain http on 127.0.0.1 only; no dependencies.
//
//   node kube-replay.mjs --port 56443 --objects demo-objects.json [--token TOKEN]
//
// It prints "listening on <url>" once it answers. The collectors' own tests replay in-process
// (src/collectors/kubernetes/__testUtils__/KubeReplay.ts); this script is for the demo.

import fs from 'node:fs';
import http from 'node:http';

const RESOURCES = [
  {
    group: 'serving.kserve.io',
    version: 'v1beta1',
    plural: 'inferenceservices',
    kind: 'InferenceService',
  },
  {
    group: 'argoproj.io',
    version: 'v1alpha1',
    plural: 'rollouts',
    kind: 'Rollout',
  },
  {
    group: 'mlops.seldon.io',
    version: 'v1alpha1',
    plural: 'experiments',
    kind: 'Experiment',
  },
];
const LIST = /^\/apis\/([^/]+)\/([^/]+)\/(?:namespaces\/([^/]+)\/)?([^/]+)$/;

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] !== undefined
    ? process.argv[i + 1]
    : fallback;
}

const port = Number(option('port', '56443'));
const token = option('token', process.env.MLOPS_KUBE_TOKEN ?? '');
const file = option(
  'objects',
  new URL('demo-objects.json', import.meta.url).pathname,
);
const objects = JSON.parse(fs.readFileSync(file, 'utf8')).items ?? [];

const status = (code, reason, message) => ({
  kind: 'Status',
  apiVersion: 'v1',
  metadata: {},
  status: 'Failure',
  message,
  reason,
  details: {},
  code,
});
const key = o => `${o.metadata?.namespace}/${o.metadata?.name}`;

const server = http.createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://replay');
  const answer = (code, body) => {
    res.statusCode = code;
    res.setHeader('Content-Type', 'application/json');
    res.end(JSON.stringify(body));
  };
  if (url.pathname === '/healthz' || url.pathname === '/readyz') {
    res.setHeader('Content-Type', 'text/plain');
    res.end('ok');
    return;
  }
  // The demo cluster's "dashboard" (dashboardUrl in app-config.live.yaml): a page that shows the
  // object a Kubernetes Dashboard link names in its fragment
  // (#/customresourcedefinition/<plural>.<group>/<namespace>/<name>), as the proof of a check.
  if (url.pathname === '/' && req.method === 'GET') {
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.end(`<!doctype html><title>Demo cluster</title>
<h1>Demo cluster (replayed Kubernetes API)</h1><pre id="object"></pre>
<script>
const objects = ${JSON.stringify(objects).replace(/</g, '\\u003c')};
const show = () => {
  const [, type, ns, name] = decodeURIComponent(location.hash).split('?')[0]
    .match(/customresourcedefinition\\/([^/]+)\\/([^/]+)\\/([^/]+)/) ?? [];
  const found = objects.filter(o => !type || (o.metadata.namespace === ns && o.metadata.name === name));
  document.getElementById('object').textContent = JSON.stringify(found.length === 1 ? found[0] : found, null, 2);
};
addEventListener('hashchange', show);
show();
</script>`);
    return;
  }
  if (token && req.headers.authorization !== `Bearer ${token}`) {
    answer(401, status(401, 'Unauthorized', 'Unauthorized'));
    return;
  }
  if (url.pathname === '/version') {
    answer(200, {
      major: '1',
      minor: '30',
      gitVersion: 'v1.30.0-replay',
      platform: 'linux/amd64',
    });
    return;
  }
  const match = LIST.exec(url.pathname);
  const resource =
    match &&
    RESOURCES.find(
      r =>
        r.group === match[1] && r.version === match[2] && r.plural === match[4],
    );
  if (!resource || req.method !== 'GET') {
    answer(
      404,
      status(
        404,
        'NotFound',
        'the server could not find the requested resource',
      ),
    );
    return;
  }
  const namespace = match[3] && decodeURIComponent(match[3]);
  const items = objects
    .filter(
      o =>
        o.apiVersion === `${resource.group}/${resource.version}` &&
        o.kind === resource.kind &&
        (!namespace || o.metadata?.namespace === namespace),
    )
    .sort((a, b) => key(a).localeCompare(key(b)));
  const start = Number(
    Buffer.from(
      url.searchParams.get('continue') ?? '',
      'base64url',
    ).toString() || 0,
  );
  const limit = Number(url.searchParams.get('limit')) || items.length;
  const page = items.slice(start, start + limit);
  const rest = items.length - start - page.length;
  answer(200, {
    apiVersion: `${resource.group}/${resource.version}`,
    kind: `${resource.kind}List`,
    metadata: {
      resourceVersion: '1',
      ...(rest > 0
        ? {
            continue: Buffer.from(String(start + limit)).toString('base64url'),
            remainingItemCount: rest,
          }
        : {}),
    },
    items: page,
  });
});

server.listen(port, '127.0.0.1', () => {
  console.log(
    `listening on http://127.0.0.1:${server.address().port} with ${
      objects.length
    } objects`,
  );
});
for (const signal of ['SIGINT', 'SIGTERM'])
  process.on(signal, () => server.close(() => process.exit(0)));
