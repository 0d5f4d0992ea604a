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
 * Keeps the tables of `docs/rubric.md` equal to the default rubric: the text between the
 * markers below is rendered from `DEFAULT_RUBRIC_LEVELS` and `DEFAULT_RUBRIC_CHECKS`, so the
 * documentation cannot drift from the definition. `UPDATE_RUBRIC_DOC=1` rewrites it.
 */

const REPO_ROOT = path.resolve(__dirname, '../../../..');
const DOC_PATH = path.join(REPO_ROOT, 'docs', 'rubric.md');
const START = '<!-- rubric:start -->';
const END = '<!-- rubric:end -->';
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

/** The document with `generated` between the markers, or undefined without both markers. */
function withGenerated(doc: string, generated: string): string | undefined {
  const start = doc.indexOf(START);
  const end = doc.indexOf(END);
  if (start < 0 || end < start) return undefined;
  return `${doc.slice(0, start + START.length)}\n${generated}\n${doc.slice(
    end,
  )}`;
}

describe('docs/rubric.md', () => {
  it('shows the default rubric exactly, between the rubric markers', () => {
    const doc = fs.readFileSync(DOC_PATH, 'utf8');
    const generated = renderRubricMarkdown(
      DEFAULT_RUBRIC_LEVELS,
      DEFAULT_RUBRIC_CHECKS,
    );
    const expected = withGenerated(doc, generated);
    if (expected === undefined) {
      throw new Error(
        `${DOC_PATH} must contain ${START} followed by ${END}; the rubric tables go between them`,
      );
    }
    if (process.env.UPDATE_RUBRIC_DOC === '1' && expected !== doc) {
      fs.writeFileSync(DOC_PATH, expected);
      return;
    }
    try {
      expect(doc).toBe(expected);
    } catch (error) {
      throw new Error(
        `docs/rubric.md does not match the default rubric (plugins/mlops-maturity-common/src/rubric/defaultRubric.ts). Regenerate it with:\n\n  ${REGENERATE}\n\n${
          (error as Error).message
        }`,
      );
    }
  });
});
