import type {
  Assessment,
  CheckResult,
  CheckStatus,
  EvidenceLink,
  MaturityLevel,
  Rubric,
} from '@mlops-maturity/plugin-mlops-maturity-common';

/** The level a gate asks for: the entity's own target, or a fixed level. */
export type Bar =
  | { source: 'target' }
  | { source: 'min-level'; level: MaturityLevel };

/** Which of the assessment's levels a gate compares with the bar. */
export type Basis = 'level' | 'verifiedLevel';

/** A required check that stands between the entity and the bar, with what to do about it. */
export interface GateBlocker {
  /** The level the check belongs to. */
  level: MaturityLevel;
  checkId: string;
  title: string;
  status: CheckStatus;
  /** What the assessment found. */
  message: string;
  /** What to do to pass it, from the rubric. */
  guidance: string;
  /** The proof the assessment links to, if any. */
  links: EvidenceLink[];
}

/** A gate's decision for one assessment. */
export interface GateVerdict {
  passed: boolean;
  bar: { level: MaturityLevel; source: Bar['source']; compares: Basis };
  /** The compared level. */
  current: MaturityLevel;
  /** Empty when the bar is met. */
  blockers: GateBlocker[];
}

/**
 * Whether a check holds for `basis`: for `level`, when it counts (the backend says so per
 * check); for `verifiedLevel`, only on live evidence, a pass or a kept pass, as the backend
 * computes `verifiedLevel` (docs/evidence.md).
 */
function holds(result: CheckResult | undefined, basis: Basis): boolean {
  if (!result) return false;
  if (basis === 'level') return result.counts;
  return result.status === 'pass' || (result.stale && result.counts);
}

/**
 * The required checks of the levels above the entity's `basis` level, up to `bar`, that do
 * not hold: what keeps it from the bar. A level counts only when all its required checks do
 * and those of every level below, so these are exactly the checks to fix.
 */
export function blockersToLevel(
  assessment: Assessment,
  rubric: Rubric,
  bar: MaturityLevel,
  basis: Basis,
): GateBlocker[] {
  const current = assessment[basis];
  const results = new Map(assessment.checks.map(c => [c.id, c]));
  return rubric.checks
    .filter(c => c.required && c.level > current && c.level <= bar)
    .filter(c => !holds(results.get(c.id), basis))
    .sort((a, b) => a.level - b.level)
    .map(c => {
      const result = results.get(c.id);
      return {
        level: c.level,
        checkId: c.id,
        title: result?.title ?? c.title,
        status: result?.status ?? 'unknown',
        message:
          result?.message ??
          `Not in this assessment (rubric ${assessment.rubricVersion}; the backend's rubric is ${rubric.version})`,
        guidance: c.guidance,
        links: result?.links ?? [],
      };
    });
}

/** Decides the gate: the entity passes when its `basis` level reaches the bar. */
export function evaluateGate(
  assessment: Assessment,
  rubric: Rubric,
  options: { bar: Bar; basis: Basis },
): GateVerdict {
  const level =
    options.bar.source === 'target'
      ? assessment.targetLevel
      : options.bar.level;
  const current = assessment[options.basis];
  const passed = current >= level;
  return {
    passed,
    bar: { level, source: options.bar.source, compares: options.basis },
    current,
    blockers: passed
      ? []
      : blockersToLevel(assessment, rubric, level, options.basis),
  };
}
