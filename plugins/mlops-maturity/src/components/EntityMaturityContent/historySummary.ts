import {
  formatMaturityLevel,
  HistoryEntry,
  MaturityLevel,
} from '@mlops-maturity/plugin-mlops-maturity-common';
import { formatDate } from '../shared/formatEvidenceAge';

/** One point of the history chart. */
export interface HistoryPoint {
  /** Epoch milliseconds. */
  t: number;
  level: MaturityLevel;
  verifiedLevel: MaturityLevel;
  targetLevel: MaturityLevel;
  rubricChanged: boolean;
  rubricVersion?: string;
}

/** The latest state, drawn as the last point so that the steps run up to the last assessment. */
export interface CurrentState {
  assessedAt: string;
  level: MaturityLevel;
  verifiedLevel: MaturityLevel;
  targetLevel: MaturityLevel;
}

/**
 * The points of the history chart, oldest first. History rows are written only on change, so the
 * current state is appended at its assessment time to carry the last step up to it.
 */
export function toHistoryPoints(
  history: HistoryEntry[],
  current?: CurrentState,
): HistoryPoint[] {
  const points: HistoryPoint[] = history
    .map(entry => ({
      t: Date.parse(entry.assessedAt),
      level: entry.level,
      verifiedLevel: entry.verifiedLevel,
      targetLevel: entry.targetLevel,
      rubricChanged: entry.rubricChanged,
      rubricVersion: entry.rubricVersion,
    }))
    .filter(point => !Number.isNaN(point.t))
    .sort((a, b) => a.t - b.t);
  if (current) {
    const t = Date.parse(current.assessedAt);
    const last = points[points.length - 1];
    if (!Number.isNaN(t) && (!last || t > last.t)) {
      points.push({
        t,
        level: current.level,
        verifiedLevel: current.verifiedLevel,
        targetLevel: current.targetLevel,
        rubricChanged: false,
      });
    }
  }
  return points;
}

function movement(
  name: string,
  from: MaturityLevel,
  to: MaturityLevel,
): string {
  if (from === to) {
    return `the ${name} stayed at ${formatMaturityLevel(to)}`;
  }
  return `the ${name} ${to > from ? 'rose' : 'fell'} from ${formatMaturityLevel(
    from,
  )} to ${formatMaturityLevel(to)}`;
}

/**
 * A text summary of the history chart for screen readers and as its caption, e.g. `From
 * 2025-11-20 to 2026-03-20 the level rose from L0 Manual to L2 Automated and the verified level
 * stayed at L0 Manual (3 recorded changes).`
 */
export function summarizeHistory(points: HistoryPoint[]): string {
  if (points.length === 0) {
    return 'No history has been recorded yet.';
  }
  const first = points[0];
  const last = points[points.length - 1];
  const recorded = points.filter(p => p.rubricVersion !== undefined).length;
  const changes = `${recorded} recorded ${
    recorded === 1 ? 'change' : 'changes'
  }`;
  let summary: string;
  if (points.length === 1 || first.t === last.t) {
    summary = `On ${formatDate(first.t)} the level was ${formatMaturityLevel(
      first.level,
    )} and the verified level ${formatMaturityLevel(
      first.verifiedLevel,
    )} (${changes}).`;
  } else {
    summary = `From ${formatDate(first.t)} to ${formatDate(last.t)} ${movement(
      'level',
      first.level,
      last.level,
    )} and ${movement(
      'verified level',
      first.verifiedLevel,
      last.verifiedLevel,
    )} (${changes}).`;
  }
  const rubricChanges = points.filter(p => p.rubricChanged);
  if (rubricChanges.length > 0) {
    summary += ` The rubric changed on ${rubricChanges
      .map(p => formatDate(p.t))
      .join(', ')}: a change of definition, not a regression.`;
  }
  return summary;
}
