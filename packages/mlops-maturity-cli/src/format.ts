import {
  Assessment,
  AssessmentSummary,
  formatMaturityLevel,
} from '@mlops-maturity/plugin-mlops-maturity-common';
import type { GateBlocker, GateVerdict } from './verdict';

/** The output formats of every command. */
export const FORMATS = ['text', 'json'] as const;

/** `text` for people, `json` for scripts. */
export type Format = (typeof FORMATS)[number];

/** The JSON that `gate --format json` prints. */
export interface GateReport {
  entityRef: string;
  title?: string;
  owner?: string;
  result: 'pass' | 'fail';
  exitCode: 0 | 1;
  bar: GateVerdict['bar'];
  level: Assessment['level'];
  verifiedLevel: Assessment['verifiedLevel'];
  targetLevel: Assessment['targetLevel'];
  targetReason: string;
  meetsTarget: boolean;
  assessedAt: string;
  rubricVersion: string;
  /** Whether the gate re-assessed the entity first (`--refresh`). */
  refreshed: boolean;
  blockers: GateBlocker[];
  /** The entity's MLOps maturity tab, when the app's URL is known. */
  url?: string;
}

/** The gate's verdict as {@link GateReport}. */
export function gateReport(
  assessment: Assessment,
  verdict: GateVerdict,
  extra: { refreshed: boolean; url?: string },
): GateReport {
  return {
    entityRef: assessment.entityRef,
    title: assessment.title,
    owner: assessment.owner,
    result: verdict.passed ? 'pass' : 'fail',
    exitCode: verdict.passed ? 0 : 1,
    bar: verdict.bar,
    level: assessment.level,
    verifiedLevel: assessment.verifiedLevel,
    targetLevel: assessment.targetLevel,
    targetReason: assessment.targetReason,
    meetsTarget: assessment.meetsTarget,
    assessedAt: assessment.assessedAt,
    rubricVersion: assessment.rubricVersion,
    refreshed: extra.refreshed,
    blockers: verdict.blockers,
    ...(extra.url ? { url: extra.url } : {}),
  };
}

function field(label: string, value: string): string {
  return `  ${`${label}:`.padEnd(16)}${value}`;
}

function blockerLines(blockers: GateBlocker[]): string[] {
  return blockers.flatMap((b, i) => [
    `  ${i + 1}. L${b.level} ${b.title} (${b.checkId}): ${b.status}`,
    `     Found: ${b.message}`,
    `     To do: ${b.guidance}`,
    ...b.links.map(l => `     Proof: ${l.title} ${l.url}`),
  ]);
}

/** The gate's verdict for people: the decision first, then the levels, blockers and link. */
export function formatGateText(report: GateReport): string {
  const compared =
    report.bar.compares === 'verifiedLevel' ? 'verified level' : 'level';
  const current = report[report.bar.compares];
  const barName =
    report.bar.source === 'target'
      ? `its target ${formatMaturityLevel(report.bar.level)}`
      : `the minimum ${formatMaturityLevel(report.bar.level)} (--min-level)`;
  const lines = [
    report.result === 'pass'
      ? `PASS ${report.entityRef}: ${compared} ${formatMaturityLevel(
          current,
        )} meets ${barName}`
      : `FAIL ${report.entityRef}: ${compared} ${formatMaturityLevel(
          current,
        )} is below ${barName}`,
    field('Level', formatMaturityLevel(report.level)),
    field(
      'Verified level',
      `${formatMaturityLevel(report.verifiedLevel)} (live evidence only)`,
    ),
    field(
      'Target',
      `${formatMaturityLevel(report.targetLevel)}: ${report.targetReason}`,
    ),
    field(
      'Assessed at',
      `${report.assessedAt}${report.refreshed ? ' (refreshed now)' : ''}`,
    ),
  ];
  if (report.blockers.length > 0) {
    lines.push(
      '',
      `Blockers to ${formatMaturityLevel(report.bar.level)}:`,
      ...blockerLines(report.blockers),
    );
  }
  if (report.url) lines.push('', `Open in Backstage: ${report.url}`);
  return lines.join('\n');
}

/** One entity's assessment for people: levels, every check, the next level and problems. */
export function formatStatusText(assessment: Assessment, url?: string): string {
  const a = assessment;
  const lines = [
    a.title && a.title !== a.entityRef.split('/')[1]
      ? `${a.entityRef} (${a.title})`
      : a.entityRef,
    ...(a.owner ? [field('Owner', a.owner)] : []),
    ...(a.system ? [field('System', a.system)] : []),
    field('Level', formatMaturityLevel(a.level)),
    field(
      'Verified level',
      `${formatMaturityLevel(a.verifiedLevel)} (live evidence only)`,
    ),
    field('Target', `${formatMaturityLevel(a.targetLevel)}: ${a.targetReason}`),
    field('Meets target', a.meetsTarget ? 'yes' : 'no'),
    field('Assessed at', `${a.assessedAt} (rubric ${a.rubricVersion})`),
  ];
  if (a.skippedFoundations) {
    lines.push(
      '  Warning: checks of higher levels hold while a lower level is incomplete',
    );
  }
  lines.push('', 'Checks:');
  for (const c of a.checks) {
    lines.push(
      `  L${c.level} ${c.status.padEnd(12)} ${c.title} (${c.id}): ${c.message}${
        c.stale ? ' [stale: an earlier pass, the source did not answer]' : ''
      }`,
      ...c.links.map(l => `       Proof: ${l.title} ${l.url}`),
    );
  }
  if (a.nextLevel) {
    lines.push(
      '',
      `Next level: ${formatMaturityLevel(a.nextLevel.level)}${
        a.nextLevel.effort ? `, effort ${a.nextLevel.effort}` : ''
      }`,
      ...blockerLines(
        a.nextLevel.blockers.map(b => ({
          ...b,
          level: a.nextLevel!.level,
          links: a.checks.find(c => c.id === b.checkId)?.links ?? [],
        })),
      ),
    );
  }
  if (a.problems.length > 0) {
    lines.push(
      '',
      'Problems:',
      ...a.problems.map(p => `  - ${p.annotation}: ${p.message}`),
    );
  }
  if (url) lines.push('', `Open in Backstage: ${url}`);
  return lines.join('\n');
}

/** A list of assessments as a table for people. */
export function formatListText(
  items: Array<AssessmentSummary & { url?: string }>,
  total: number,
): string {
  if (items.length === 0) return 'No ML services match.';
  const header = ['ENTITY', 'LEVEL', 'VERIFIED', 'TARGET', 'MEETS', 'OWNER'];
  const withUrl = items.some(i => i.url);
  if (withUrl) header.push('LINK');
  const rows = items.map(i => [
    i.entityRef,
    `L${i.level}`,
    `L${i.verifiedLevel}`,
    `L${i.targetLevel}`,
    i.meetsTarget ? 'yes' : 'no',
    i.owner ?? '-',
    ...(withUrl ? [i.url ?? '-'] : []),
  ]);
  const widths = header.map((h, col) =>
    Math.max(h.length, ...rows.map(r => r[col].length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, col) =>
        col === cells.length - 1 ? cell : cell.padEnd(widths[col]),
      )
      .join('  ');
  return [
    line(header),
    ...rows.map(line),
    `${total} ML service${total === 1 ? '' : 's'}`,
  ].join('\n');
}
