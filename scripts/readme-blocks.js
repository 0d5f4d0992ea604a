#!/usr/bin/env node
// Reads the README's "Install in your Backstage" blocks (each a fenced code block after a
// `<!-- adopter-test:NAME -->` marker) and applies them to a create-app app, for
// scripts/adopter-test.sh. The README is the only copy of these lines.
//
//   show NAME          print the block
//   expected-level     the level the README promises for the first ML service
//   preapprove FILE    add our scope to npmPreapprovedPackages in an app's .yarnrc.yml
//   apply APP_DIR      add the backend lines, the config and the first ML service to the app,
//                      and write app-config.adopter-test.yaml (ports, fast catalog passes)
const fs = require('node:fs');
const path = require('node:path');
const YAML = require('yaml');

const README = path.resolve(__dirname, '..', 'README.md');
const SCOPE_GLOB = '@mlops-maturity/*';
const PORT = 7107;

/** The fenced code blocks that follow `<!-- adopter-test:NAME -->` markers, by name. */
function readBlocks(text) {
  const blocks = {};
  const pattern = /<!-- adopter-test:([\w-]+) -->\s*\n```\w*\n([\s\S]*?)\n```/g;
  for (const [, name, code] of text.matchAll(pattern)) blocks[name] = code;
  return blocks;
}

function block(blocks, name) {
  if (!(name in blocks)) {
    throw new Error(`README.md has no <!-- adopter-test:${name} --> block`);
  }
  return blocks[name];
}

/** The level in "… is at **level N**" of the README's "What to expect". */
function expectedLevel(text) {
  const match = /\bis at \*\*level (\d)\*\*/.exec(text);
  if (!match) throw new Error('README.md promises no "is at **level N**"');
  return Number(match[1]);
}

/** Inserts the backend lines before `backend.start()`. */
function addBackendLines(source, lines) {
  const at = source.lastIndexOf('backend.start();');
  if (at < 0)
    throw new Error('packages/backend/src/index.ts has no backend.start()');
  return `${source.slice(0, at)}${lines}\n\n${source.slice(at)}`;
}

/** Appends the README's config to app-config.yaml; its top-level keys must be new there. */
function addConfig(appConfig, config) {
  const existing = YAML.parse(appConfig) ?? {};
  for (const key of Object.keys(YAML.parse(config) ?? {})) {
    if (key in existing) throw new Error(`app-config.yaml already has ${key}`);
  }
  return `${appConfig.trimEnd()}\n\n${config}\n`;
}

function apply(appDir, blocks) {
  const edit = (file, change) => {
    const full = path.join(appDir, file);
    fs.writeFileSync(full, change(fs.readFileSync(full, 'utf8')));
    console.log(`edited ${file}`);
  };
  edit('packages/backend/src/index.ts', source =>
    addBackendLines(source, block(blocks, 'backend')),
  );
  edit('app-config.yaml', source => addConfig(source, block(blocks, 'config')));

  const entity = block(blocks, 'entity');
  YAML.parse(entity); // fails on a README example that is not YAML
  fs.writeFileSync(
    path.join(appDir, 'examples/ml-service.yaml'),
    `${entity}\n`,
  );
  console.log('wrote examples/ml-service.yaml');

  // Test-only settings: a port of its own, the backend serving the built app, and catalog
  // passes every few seconds so that the label appears within the test's patience.
  const appConfig = YAML.parse(
    fs.readFileSync(path.join(appDir, 'app-config.yaml'), 'utf8'),
  );
  const baseUrl = `http://localhost:${PORT}`;
  const overrides = {
    app: { baseUrl },
    backend: { baseUrl, listen: { port: PORT }, cors: { origin: baseUrl } },
    catalog: {
      processingInterval: { seconds: 3 },
      locations: [
        ...(appConfig.catalog?.locations ?? []),
        { type: 'file', target: '../../examples/ml-service.yaml' },
      ],
    },
    mlopsMaturity: {
      catalogLabels: {
        schedule: {
          frequency: { seconds: 5 },
          timeout: { minutes: 1 },
          initialDelay: { seconds: 5 },
        },
      },
    },
  };
  fs.writeFileSync(
    path.join(appDir, 'app-config.adopter-test.yaml'),
    YAML.stringify(overrides),
  );
  console.log('wrote app-config.adopter-test.yaml');
}

function preapprove(yarnrcFile) {
  const yarnrc = YAML.parse(fs.readFileSync(yarnrcFile, 'utf8'));
  yarnrc.npmPreapprovedPackages = [
    ...new Set([...(yarnrc.npmPreapprovedPackages ?? []), SCOPE_GLOB]),
  ];
  fs.writeFileSync(yarnrcFile, YAML.stringify(yarnrc));
}

module.exports = { readBlocks, expectedLevel, addBackendLines, addConfig };

if (require.main === module) {
  const [command, arg] = process.argv.slice(2);
  const text = fs.readFileSync(README, 'utf8');
  const blocks = readBlocks(text);
  try {
    if (command === 'show') console.log(block(blocks, arg));
    else if (command === 'expected-level') console.log(expectedLevel(text));
    else if (command === 'preapprove') preapprove(arg);
    else if (command === 'apply') apply(arg, blocks);
    else throw new Error(`unknown command ${command}`);
  } catch (error) {
    console.error(`readme-blocks: ${error.message}`);
    process.exit(1);
  }
}
