import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_RUBRIC_CHECKS, DEFAULT_RUBRIC_LEVELS } from './defaultRubric';
import type {
  RubricAnnotation,
  RubricCheck,
  RubricLevel,
  RubricVerifier,
} from './types';

/**
 * Keeps the generated parts of the documentation equal to the default rubric, so they cannot
 * drift from the definition. Each is the text between two markers in a markdown file, rendered
 * from `DEFAULT_RUBRIC_LEVELS` and `DEFAULT_RUBRIC_CHECKS`:
 *
 * - `docs/rubric.md`, between `<!-- rubric:start -->` and `<!-- rubric:end -->`: the levels and
 *   every check;
 * - the backend package's README, between `<!-- annotations:start -->` and
 *   `<!-- annotations:end -->`: the annotation keys a service owner writes.
 *
 * `UPDATE_RUBRIC_DOC=1` rewrites them.
 */

const REPO_ROOT = path.resolve(__dirname, '../../../..');
const REGENERATE =
  'cd plugins/mlops-maturity-common && UPDATE_RUBRIC_DOC=1 CI=true yarn backstage-cli package test src/rubric/rubricDoc.test.ts';

/** Text for one table cell: no line breaks, and `|` cannot end the cell. */
const cell = (text: string) =>
  text.replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|');
const code = (text: string) => `\`${text}\``;
const row = (cells: string[]) => `| ${cells.map(cell).join(' | ')} |`;
const table = (header: string[], rows: string[][]) =>
  [row(header), row(header.map(() => '---')), ...rows.map(row)].join('\n');

function levelsTable(levels: readonly RubricLevel[]): string {
  return table(
    ['Level', 'Name', 'What it looks like', 'Effort from the level below'],
    levels.map(l => [String(l.level), l.name, l.summary, l.effort ?? '—']),
  );
}

function declaredBy(a: RubricAnnotation): string {
  switch (a.kind) {
    case 'tool':
      return `${code(a.key)} (tool ${code(a.tool)}: ${a.idHint})`;
    case 'repository':
      return a.workflowRunsProve
        ? `${code(
            a.key,
          )} (a path at the source location; a GitHub Actions workflow there is also checked on GitHub)`
        : `${code(a.key)} (a path at the source location)`;
    case 'link':
      return `${code(a.key)} (a link, shown, never fetched)`;
    case 'value':
      return [
        code(`${a.key}: ${a.declares}`),
        a.requires ? ` together with a declared ${code(a.requires)}` : '',
        a.denies ? ` (${code(a.denies)} says it is not done)` : '',
      ].join('');
    default:
      return code((a as RubricAnnotation).key);
  }
}

function verifiedBy(v: RubricVerifier): string {
  const replaces = v.supersedes?.length
    ? `; replaces ${v.supersedes.map(code).join(', ')}`
    : '';
  return `${code(v.source)}: ${v.proves}${replaces}`;
}

function windowOf(c: RubricCheck): string {
  if (c.freshnessDays === undefined) return 'none';
  const days = `${c.freshnessDays} days`;
  return c.freshnessCadences
    ? `${days}, or ${c.freshnessCadences} × a periodic ${code(
        'retrain-cadence',
      )}`
    : days;
}

function checksTable(checks: readonly RubricCheck[]): string {
  return table(
    ['Check', 'What it means', 'Declared by', 'Verified by', 'Window'],
    checks.map(c => [
      `${code(c.id)}<br>**${c.title}**${c.required ? '' : ' (not required)'}`,
      c.why,
      c.annotations.map(declaredBy).join('<br>'),
      c.verifiers.length > 0 ? c.verifiers.map(verifiedBy).join('<br>') : '—',
      windowOf(c),
    ]),
  );
}

/**
 * The generated part of `docs/rubric.md`: the levels table, then one table of checks per
 * level, in rubric order.
 */
function renderRubricMarkdown(
  levels: readonly RubricLevel[],
  checks: readonly RubricCheck[],
): string {
  const parts = ['### Levels', levelsTable(levels)];
  for (const level of levels) {
    const ofLevel = checks.filter(c => c.level === level.level);
    if (ofLevel.length === 0) continue;
    parts.push(
      `### Level ${level.level} — ${level.name}`,
      checksTable(ofLevel),
    );
  }
  return parts.join('\n\n');
}

/** Text for the value column of the annotations table: what a service owner writes. */
function valueOf(a: RubricAnnotation): string {
  switch (a.kind) {
    case 'tool': {
      const instance = a.instanceAnnotation
        ? `; the instance from ${code(a.instanceAnnotation)}`
        : '';
      if (a.syntax === 'list') {
        return `ids separated by commas (tool ${code(a.tool)}; id: ${
          a.idHint
        }${instance})`;
      }
      if (a.syntax === 'whole') {
        return `one id (tool ${code(a.tool)}: ${a.idHint}${instance})`;
      }
      return `${code('[instance:]id')} (tool ${code(a.tool)}; id: ${a.idHint})`;
    }
    case 'repository':
      return a.workflowRunsProve
        ? 'a path at the source location; a GitHub Actions workflow there is also checked on GitHub'
        : 'a path at the source location';
    case 'link':
      return 'a link (an http(s) URL, or text such as a selector); shown, never fetched';
    case 'value':
      return [
        code(a.declares),
        a.requires ? `, together with a declared ${code(a.requires)}` : '',
        a.denies ? `; ${code(a.denies)} says it is not done` : '',
      ].join('');
    default:
      return '—';
  }
}

/**
 * The generated part of the backend README: one row per annotation that declares a check, in
 * rubric order.
 */
function renderAnnotationsMarkdown(
  levels: readonly RubricLevel[],
  checks: readonly RubricCheck[],
): string {
  const levelName = (level: number) =>
    levels.find(l => l.level === level)?.name ?? '';
  return table(
    ['Annotation', 'Check', 'Level', 'Value'],
    checks.flatMap(c =>
      c.annotations.map(a => [
        code(a.key),
        code(c.id),
        `${c.level} ${levelName(c.level)}`,
        valueOf(a),
      ]),
    ),
  );
}

/** The document with `generated` between the markers, or undefined without both markers. */
function withGenerated(
  doc: string,
  start: string,
  end: string,
  generated: string,
): string | undefined {
  const from = doc.indexOf(start);
  const to = doc.indexOf(end);
  if (from < 0 || to < from) return undefined;
  return `${doc.slice(0, from + start.length)}\n${generated}\n${doc.slice(to)}`;
}

/** The first line where two texts differ, for a failure message. */
function firstDifference(actual: string, expected: string): string {
  const a = actual.split('\n');
  const e = expected.split('\n');
  const line = a.findIndex((text, i) => text !== e[i]);
  const at = line < 0 ? a.length : line;
  return `line ${at + 1}:\n  found:    ${
    a[at] ?? '(end of file)'
  }\n  expected: ${e[at] ?? '(end of file)'}`;
}

/**
 * Why the file at `relativePath` does not hold `generated` between `start` and `end`, or
 * undefined when it does. With `UPDATE_RUBRIC_DOC=1`, writes it there instead.
 */
function generatedMismatch(
  relativePath: string,
  start: string,
  end: string,
  generated: string,
): string | undefined {
  const file = path.join(REPO_ROOT, relativePath);
  const doc = fs.readFileSync(file, 'utf8');
  const expected = withGenerated(doc, start, end, generated);
  if (expected === undefined) {
    return `${relativePath} must contain ${start} followed by ${end}; the generated text goes between them`;
  }
  if (expected === doc) return undefined;
  if (process.env.UPDATE_RUBRIC_DOC === '1') {
    fs.writeFileSync(file, expected);
    return undefined;
  }
  return `${relativePath} does not match the default rubric (plugins/mlops-maturity-common/src/rubric/defaultChecks.json). Regenerate it with:\n\n  ${REGENERATE}\n\nFirst difference at ${firstDifference(
    doc,
    expected,
  )}`;
}

describe('docs/rubric.md', () => {
  it('shows the default rubric exactly, between the rubric markers', () => {
    expect(
      generatedMismatch(
        'docs/rubric.md',
        '<!-- rubric:start -->',
        '<!-- rubric:end -->',
        renderRubricMarkdown(DEFAULT_RUBRIC_LEVELS, DEFAULT_RUBRIC_CHECKS),
      ),
    ).toBeUndefined();
  });
});

describe('plugins/mlops-maturity-backend/README.md', () => {
  it('lists every annotation of the default rubric, between the annotations markers', () => {
    expect(
      generatedMismatch(
        'plugins/mlops-maturity-backend/README.md',
        '<!-- annotations:start -->',
        '<!-- annotations:end -->',
        renderAnnotationsMarkdown(DEFAULT_RUBRIC_LEVELS, DEFAULT_RUBRIC_CHECKS),
      ),
    ).toBeUndefined();
  });
});
