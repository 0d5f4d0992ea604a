#!/usr/bin/env node
// The demo's Git host: serves, read-only on 127.0.0.1, a repository for every demo ML service
// whose `backstage.io/source-location` points here, holding the files its path annotations
// name (training and deployment scripts, the quality-gate workflow). Backstage's URL reader
// reads them (app-config.yaml allows this host), so the demo proves level 1 for real. Any other
// path answers 404, as a Git host does.
// usage: node scripts/demo/serve-repos.js [port] [catalog.yaml]   (default 7017, the demo catalog)
'use strict';
const http = require('node:http');
const fs = require('node:fs');
const path = require('node:path');

const port = Number(process.argv[2] ?? 7017);
const catalog =
  process.argv[3] ?? path.resolve(__dirname, '../../examples/ml-services.yaml');
const PATH_ANNOTATIONS = [
  'mlops-maturity.io/training-entrypoint',
  'mlops-maturity.io/deployment-entrypoint',
  'mlops-maturity.io/quality-gate',
];

/** `/<service>/<path>` → file text, read from the catalog's annotations. */
function repositories(text) {
  const files = new Map();
  for (const doc of text.split(/^---$/m)) {
    const name = /^ {2}name: (\S+)$/m.exec(doc)?.[1];
    const annotation = key =>
      new RegExp(`^ {4}${key.replace(/[./]/g, '\\$&')}: '([^']*)'$`, 'm').exec(
        doc,
      )?.[1];
    const source = annotation('backstage.io/source-location');
    if (!name || !source?.includes(`://127.0.0.1:${port}/${name}/`)) continue;
    for (const key of PATH_ANNOTATIONS) {
      const file = annotation(key);
      if (file) {
        files.set(
          `/${name}/${file.replace(/^\.\//, '')}`,
          `# ${file} of ${name}, a demo ML service (${key})\n`,
        );
      }
    }
  }
  return files;
}

const files = repositories(fs.readFileSync(catalog, 'utf8'));
http
  .createServer((req, res) => {
    const where = decodeURIComponent(
      new URL(req.url ?? '/', 'http://x').pathname,
    );
    const read = req.method === 'GET' || req.method === 'HEAD';
    // The root answers, so that scripts can wait until the host is up.
    const body =
      read && where === '/'
        ? `${files.size} files\n`
        : read
        ? files.get(where)
        : undefined;
    if (body === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not Found');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(req.method === 'HEAD' ? undefined : body);
  })
  .listen(port, '127.0.0.1', () =>
    console.log(
      `demo repositories on http://127.0.0.1:${port}/: ${files.size} files`,
    ),
  );
