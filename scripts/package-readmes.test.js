// The READMEs of the publishable packages are what adopters read on the npm registry, where a
// relative link resolves only to a file inside the published package. For each package this
// checks that its README is a real one, that every relative link or image points to a file the
// package ships (package.json `files`, plus the files npm and Yarn always pack), and that every
// link into this repository on GitHub names a path that exists here.
//
// Run: node --test scripts/package-readmes.test.js
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const PACKAGES = [
  'plugins/mlops-maturity',
  'plugins/mlops-maturity-backend',
  'plugins/mlops-maturity-common',
  'plugins/mlops-maturity-node',
  'plugins/catalog-backend-module-mlops-maturity',
  'packages/mlops-maturity-cli',
];
const REPO_URL = 'https://github.com/mlops-maturity/backstage-plugins';
const REPO_LINK =
  /^https:\/\/github\.com\/mlops-maturity\/backstage-plugins\/(blob|tree)\/main\/(.*)$/;
/** Packed whatever `files` says. */
const ALWAYS_PACKED = ['package.json', 'README.md', 'CHANGELOG.md', 'LICENSE'];
/** Build output: shipped, but not required to exist in the working tree. */
const BUILD_OUTPUT = ['dist'];

/** Markdown link and image targets: `[text](target)`, `![alt](target "title")`, `[ref]: target`. */
function linkTargets(markdown) {
  // Code never holds links; drop fenced blocks and inline code first.
  const text = markdown
    .replace(/^```[\s\S]*?^```/gm, '')
    .replace(/`[^`\n]*`/g, '');
  const targets = [];
  const inline =
    /!?\[[^\]]*\]\(\s*(?:<([^>\n]+)>|([^)\s]+))(?:\s+"[^"]*")?\s*\)/g;
  const reference =
    /^\s{0,3}\[[^\]]+\]:\s*(?:<([^>\n]+)>|(\S+))(?:\s+"[^"]*")?\s*$/gm;
  for (const re of [inline, reference]) {
    for (const m of text.matchAll(re)) targets.push(m[1] ?? m[2]);
  }
  const html = /<(?:img|a)\s[^>]*?(?:src|href)="([^"]+)"/g;
  for (const m of text.matchAll(html)) targets.push(m[1]);
  return targets;
}

/** The path part of a link: no `#anchor` or `?query`, percent-decoded. */
function pathOf(target) {
  return decodeURIComponent(target.replace(/[#?].*$/, ''));
}

const isExternal = target => /^(https?:|mailto:)/i.test(target);

/** A `files` entry as a regular expression over package-relative paths (`**`, `*`, `{a,b}`). */
function globToRegExp(glob) {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      // `**/` matches any number of folders, including none.
      if (glob[i + 2] === '/') {
        re += '(?:.*/)?';
        i += 2;
      } else {
        re += '.*';
        i += 1;
      }
    } else if (c === '*') {
      re += '[^/]*';
    } else if (c === '?') {
      re += '[^/]';
    } else if (c === '{') {
      const close = glob.indexOf('}', i);
      const options = glob.slice(i + 1, close).split(',');
      re += `(?:${options
        .map(o => o.replace(/[.+^$()|[\]\\]/g, '\\$&'))
        .join('|')})`;
      i = close;
    } else {
      re += c.replace(/[.+^$()|[\]\\]/g, '\\$&');
    }
  }
  // An entry that names a folder ships everything under it.
  return new RegExp(`^${re}(?:/.*)?$`);
}

/** Whether `relative` (to the package folder) is packed, by `files` or always. */
function isShipped(relative, files) {
  if (ALWAYS_PACKED.includes(relative)) return true;
  return files.some(entry =>
    globToRegExp(entry.replace(/^\.?\//, '').replace(/\/$/, '')).test(relative),
  );
}

/** Problems with the README of one package, as messages; empty when it is fine. */
function readmeProblems(packageDir) {
  const dir = path.join(ROOT, packageDir);
  const pkg = JSON.parse(
    fs.readFileSync(path.join(dir, 'package.json'), 'utf8'),
  );
  const readmePath = path.join(dir, 'README.md');
  if (!fs.existsSync(readmePath))
    return [`${packageDir}/README.md does not exist`];
  const readme = fs.readFileSync(readmePath, 'utf8');
  const problems = [];

  if (!/^#{1,3} Install\b/m.test(readme)) {
    problems.push(`${packageDir}/README.md has no Install section`);
  }
  if (!readme.includes(pkg.name)) {
    problems.push(`${packageDir}/README.md does not mention ${pkg.name}`);
  }
  if (
    /Welcome to the .* plugin!|_This plugin was created through the Backstage CLI_/.test(
      readme,
    )
  ) {
    problems.push(
      `${packageDir}/README.md is still the Backstage CLI's template`,
    );
  }

  const files = Array.isArray(pkg.files) ? pkg.files : [];
  for (const target of linkTargets(readme)) {
    if (target.startsWith('#')) continue;
    if (isExternal(target)) {
      const m = REPO_LINK.exec(target);
      if (!m) continue;
      const inRepo = pathOf(m[2]).replace(/\/$/, '');
      if (!fs.existsSync(path.join(ROOT, inRepo))) {
        problems.push(
          `${packageDir}/README.md links to ${target}, but ${
            inRepo || '.'
          } does not exist in the repository`,
        );
      }
      continue;
    }
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) {
      problems.push(
        `${packageDir}/README.md links to ${target}: only http(s) and mailto links work on the registry`,
      );
      continue;
    }
    const relative = path.posix
      .normalize(pathOf(target))
      .replace(/^\.\//, '')
      .replace(/\/$/, '');
    const inRepo = path.posix.join(packageDir, relative);
    const hint = `link it as ${REPO_URL}/blob/main/${inRepo} instead`;
    if (
      relative.startsWith('../') ||
      relative === '..' ||
      path.posix.isAbsolute(relative)
    ) {
      problems.push(
        `${packageDir}/README.md links to ${target}, outside the package; ${hint}`,
      );
    } else if (!isShipped(relative, files)) {
      problems.push(
        `${packageDir}/README.md links to ${target}, which the package does not ship (files: ${JSON.stringify(
          files,
        )}); ${hint}, or add it to "files"`,
      );
    } else if (
      !BUILD_OUTPUT.some(b => relative === b || relative.startsWith(`${b}/`)) &&
      !fs.existsSync(path.join(dir, relative))
    ) {
      problems.push(
        `${packageDir}/README.md links to ${target}, which does not exist`,
      );
    }
  }
  return problems;
}

for (const packageDir of PACKAGES) {
  test(`${packageDir}/README.md stands alone on the registry`, () => {
    assert.deepEqual(readmeProblems(packageDir), []);
  });
}

test('the link checks themselves', () => {
  assert.deepEqual(
    linkTargets(
      '[a](docs/x.png#top) ![b](<y z.png> "t") `[c](no.md)`\n[r]: ../r.md\n',
    ),
    ['docs/x.png#top', 'y z.png', '../r.md'],
  );
  assert.deepEqual(
    linkTargets('```md\n[a](in-code.md)\n```\n<img src="docs/i.png">'),
    ['docs/i.png'],
  );
  const files = ['dist', 'config.d.ts', 'migrations/**/*.{js,d.ts}', 'docs'];
  for (const shipped of [
    'dist/index.cjs.js',
    'config.d.ts',
    'migrations/1_init.js',
    'migrations/a/b.d.ts',
    'docs/scorecard.png',
    'README.md',
    'LICENSE',
  ]) {
    assert.ok(isShipped(shipped, files), shipped);
  }
  for (const notShipped of [
    'src/index.ts',
    'config.d.tsx',
    'migrations/1_init.ts',
    'docsx/a.png',
    'distant.md',
  ]) {
    assert.ok(!isShipped(notShipped, files), notShipped);
  }
});
