#!/usr/bin/env node
// Reads the Jest (one or several, comma-separated) and Playwright JSON reports and prints how many tests ran where, ending with
// the line "tests: N passed, N failed". Exits non-zero when a report is missing, a test
// failed, or no test ran on the PostgreSQL id given with --postgres.
const fs = require('node:fs');

function args(argv) {
  const out = {};
  for (let i = 0; i < argv.length; i += 2)
    out[argv[i].replace(/^--/, '')] = argv[i + 1];
  return out;
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/** Flattens a Jest JSON report into { name, status }. */
function jestTests(report) {
  return (report?.testResults ?? []).flatMap(file => {
    const tests = file.assertionResults.map(t => ({
      name: t.fullName,
      status: t.status,
    }));
    // A suite that failed to load has no assertions but must still count as a failure.
    return tests.length === 0 && file.status === 'failed'
      ? [{ name: file.name, status: 'failed' }]
      : tests;
  });
}

/** Flattens a Playwright JSON report into { name, status }. */
function playwrightTests(report) {
  const walk = suite => [
    ...(suite.specs ?? []).flatMap(spec =>
      spec.tests.map(t => ({
        name: spec.title,
        status:
          t.status === 'expected'
            ? 'passed'
            : t.status === 'skipped'
            ? 'pending'
            : 'failed',
      })),
    ),
    ...(suite.suites ?? []).flatMap(walk),
  ];
  return (report?.suites ?? []).flatMap(walk);
}

/** Parses name=file,name=file into { name: file }. */
function logsByCheck(spec) {
  return Object.fromEntries(
    (spec ?? '')
      .split(',')
      .filter(Boolean)
      .map(pair => pair.split('=')),
  );
}

/** The last n non-blank lines of a log, indented under its FAILED line. */
function lastLines(file, n) {
  let text;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return [`    (no log at ${file})`];
  }
  return (
    text
      .split('\n')
      // eslint-disable-next-line no-control-regex
      .map(line => line.replace(/\u001b\[[0-9;]*m/g, '').trimEnd())
      .filter(line => line.trim() !== '')
      .slice(-n)
      .map(line => `    | ${line.slice(0, 300)}`)
  );
}

const count = (tests, status) => tests.filter(t => t.status === status).length;

function main() {
  const opts = args(process.argv.slice(2));
  const problems = [];
  const unit = (opts.jest ?? '').split(',').flatMap(file => {
    const jest = readJson(file);
    if (!jest) problems.push(`no Jest report at ${file}`);
    return jestTests(jest);
  });
  const lines = [];
  lines.push(
    `unit tests: ${count(unit, 'passed')} passed, ${count(
      unit,
      'failed',
    )} failed, ${count(unit, 'pending')} skipped`,
  );
  if (opts.postgres) {
    const onPg = unit.filter(t => t.name.includes(opts.postgres));
    const onSqlite = unit.filter(t => t.name.includes('SQLITE_3'));
    lines.push(
      `  on SQLITE_3: ${count(onSqlite, 'passed')} passed, ${count(
        onSqlite,
        'failed',
      )} failed`,
    );
    lines.push(
      `  on ${opts.postgres}: ${count(onPg, 'passed')} passed, ${count(
        onPg,
        'failed',
      )} failed`,
    );
    if (count(onPg, 'passed') === 0)
      problems.push(`no test passed on ${opts.postgres}`);
  }
  if (opts.integration) {
    const real = unit.filter(t => t.name.includes(opts.integration));
    lines.push(
      `integration tests (named "${opts.integration} …"): ${count(
        real,
        'passed',
      )} passed, ${count(real, 'failed')} failed`,
    );
    if (count(real, 'passed') === 0)
      problems.push(`no integration test ran ${opts.integration}`);
    // Each server named with --servers must have had passing tests of its own: the test names
    // say "<integration text> <server> server".
    for (const server of (opts.servers ?? '').split(',').filter(Boolean)) {
      const of = real.filter(t =>
        t.name.includes(`${opts.integration} ${server} server`),
      );
      lines.push(
        `  ${server}: ${count(of, 'passed')} passed, ${count(
          of,
          'failed',
        )} failed`,
      );
      if (count(of, 'passed') === 0)
        problems.push(`no integration test passed against ${server}`);
    }
  }
  let browser = [];
  if (opts.playwright) {
    const report = readJson(opts.playwright);
    if (!report) problems.push(`no Playwright report at ${opts.playwright}`);
    browser = playwrightTests(report);
    lines.push(
      `browser tests: ${count(browser, 'passed')} passed, ${count(
        browser,
        'failed',
      )} failed`,
    );
    if (browser.length === 0) problems.push('no browser test ran');
  }
  // Whole-script checks, each given as name=exit-status (e.g. adopter-test=0).
  const scripts = (opts.checks ?? '')
    .split(',')
    .filter(Boolean)
    .map(pair => {
      const [name, status] = pair.split('=');
      return { name, status: status === '0' ? 'passed' : 'failed' };
    });
  if (scripts.length) {
    lines.push(
      `script checks: ${count(scripts, 'passed')} passed, ${count(
        scripts,
        'failed',
      )} failed (${scripts.map(t => `${t.name} ${t.status}`).join(', ')})`,
    );
  }
  const all = [...unit, ...browser, ...scripts];
  const logs = logsByCheck(opts.logs);
  for (const t of all.filter(x => x.status === 'failed')) {
    lines.push(`  FAILED: ${t.name}`);
    // Only the end of CI's output may be kept: a failed script's own last words go here.
    if (logs[t.name]) lines.push(...lastLines(logs[t.name], 14));
  }
  for (const p of problems) lines.push(`  PROBLEM: ${p}`);
  lines.push(
    `tests: ${count(all, 'passed')} passed, ${
      count(all, 'failed') + problems.length
    } failed`,
  );
  console.log(lines.join('\n'));
  return count(all, 'failed') === 0 && problems.length === 0 ? 0 : 1;
}

if (require.main === module) process.exit(main());
module.exports = { jestTests, playwrightTests, lastLines };
