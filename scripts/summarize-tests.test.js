const test = require('node:test');
const assert = require('node:assert');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { lastLines } = require('./summarize-tests');

test('a failed check shows the last non-blank lines of its log, colours removed', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'summarize-'));
  const file = path.join(dir, 'live-test.log');
  fs.writeFileSync(file, 'one\n\ntwo\n\u001b[31mthree\u001b[39m\n\n');
  assert.deepStrictEqual(lastLines(file, 2), ['    | two', '    | three']);
  fs.rmSync(dir, { recursive: true });
});

test('a failed check without its log says so', () => {
  assert.deepStrictEqual(lastLines('/nonexistent/x.log', 3), [
    '    (no log at /nonexistent/x.log)',
  ]);
});
