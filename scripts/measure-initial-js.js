#!/usr/bin/env node
// Sums the JavaScript an app's index.html loads before anything lazy: every <script src> of the
// built index.html, raw and gzipped (level 9, as a CDN would serve it).
// Usage: node scripts/measure-initial-js.js <app dist dir>  → prints JSON
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');

const dist = process.argv[2];
const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
const scripts = [...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map(
  m => m[1],
);
let raw = 0;
let gzip = 0;
const files = [];
for (const src of scripts) {
  const file = path.join(dist, src.replace(/^\//, ''));
  const body = fs.readFileSync(file);
  const gz = zlib.gzipSync(body, { level: 9 }).length;
  raw += body.length;
  gzip += gz;
  files.push({ src, raw: body.length, gzip: gz });
}
const all = fs
  .readdirSync(path.join(dist, 'static'))
  .filter(f => f.endsWith('.js'));
console.log(
  JSON.stringify(
    { scripts: files.length, raw, gzip, totalJsFiles: all.length, files },
    null,
    2,
  ),
);
