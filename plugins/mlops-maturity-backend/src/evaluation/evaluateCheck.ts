import type {
  CheckResult,
  CheckStatus,
  RubricCheck,
} from '@mlops-maturity/plugin-mlops-maturity-common';
import type { SourceResult } from '../store/MaturityStore';
import { DEFAULT_STALE_DAYS } from './freshness';
import type { Evidence } from './types';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Which result wins when several remain; ties are broken by freshness, age, then source order. */
const RANK: Record<CheckStatus, number> = {
  pass: 5,
  declared: 4,
  fail: 3,
  invalid: 2,
  'not-declared': 1,
  unknown: 0,
  // Evidence is never waived: a waiver applies after a check is evaluated (./waivers.ts).
  waived: -1,
};

/**
 * Everything {@link evaluateCheck} needs for one check of one entity.
 *
 * @internal
 */
export interface CheckInput {
  check: RubricCheck;
  /** Annotation evidence and what each source said this run, for this check. */
  evidence: readonly Evidence[];
  /** What each source last verified for this check, from the store. */
  previous: readonly SourceResult[];
  windowDays: number | undefined;
  acceptDeclared: boolean;
  /** Sources with a registered collector; undefined means all. */
  activeSources?: ReadonlySet<string>;
  now: Date;
}

/**
 * A check's result, and what each source verified that is to be kept for the next run.
 *
 * @internal
 */
export interface CheckEvaluation {
  result: CheckResult;
  sourceResults: SourceResult[];
}

interface Candidate extends Evidence {
  /** Kept from an earlier answer of a source that could not be asked now. */
  kept: boolean;
  /** Kept and not yet past its window. */
  stale: boolean;
  /** The verifier's place in the rubric; annotations come after every verifier. */
  order: number;
}

const sameAnswer = (a: SourceResult, b: SourceResult) =>
  a.status === b.status &&
  a.message === b.message &&
  a.observedAt?.getTime() === b.observedAt?.getTime() &&
  JSON.stringify(a.links) === JSON.stringify(b.links) &&
  JSON.stringify(a.details ?? null) === JSON.stringify(b.details ?? null);

const ageDays = (from: Date, now: Date) =>
  Math.floor((now.getTime() - from.getTime()) / DAY_MS);

/**
 * One source's answer for the check this run: its best pass, else what it last verified when
 * it could not be asked now (marked stale), else its fail or invalid. Undefined when the source
 * was not asked, or could not be asked and never verified the check (its reason becomes a note).
 */
function sourceAnswer(
  items: readonly Evidence[],
  previous: SourceResult | undefined,
  order: number,
  notes: string[],
  now: Date,
): { candidate?: Candidate; keep?: SourceResult } {
  const fresh = (e: Evidence): Candidate => ({
    ...e,
    kept: false,
    stale: false,
    order,
  });
  const keep = (e: Evidence): SourceResult | undefined => {
    if (e.status !== 'pass' && e.status !== 'fail') return undefined;
    const result: SourceResult = {
      checkId: e.checkId,
      source: e.source,
      status: e.status,
      message: e.message,
      links: e.links ?? [],
      observedAt: e.observedAt,
      verifiedAt: now,
      details: e.details,
    };
    // The same answer again keeps its stored row, so that an unchanged estate writes nothing;
    // `verifiedAt` moves on once a day, enough for ageing a proof that has no observedAt.
    return previous &&
      sameAnswer(previous, result) &&
      now.getTime() - previous.verifiedAt.getTime() < DAY_MS
      ? previous
      : result;
  };
  const passes = items
    .filter(e => e.status === 'pass')
    .sort(
      (a, b) =>
        (b.observedAt?.getTime() ?? Infinity) -
        (a.observedAt?.getTime() ?? Infinity),
    );
  if (passes.length > 0) {
    return { candidate: fresh(passes[0]), keep: keep(passes[0]) };
  }
  const unknown = items.find(e => e.status === 'unknown');
  if (unknown) {
    if (!previous) {
      notes.push(unknown.message);
      return {};
    }
    return {
      candidate: {
        ...previous,
        kept: true,
        stale: true,
        order,
        message: `${unknown.message}; keeping the ${
          previous.status
        } verified at ${previous.verifiedAt.toISOString()}: ${
          previous.message
        }`,
      },
      keep: previous,
    };
  }
  const answer =
    items.find(e => e.status === 'fail') ??
    items.find(e => e.status === 'invalid');
  return answer ? { candidate: fresh(answer), keep: keep(answer) } : {};
}

/** A pass older than its window no longer proves the check; a kept pass ages from its proof. */
function aged(
  c: Candidate,
  windowDays: number | undefined,
  now: Date,
): Candidate {
  const window = windowDays ?? (c.kept ? DEFAULT_STALE_DAYS : undefined);
  const from =
    c.observedAt ??
    (c.kept ? (c as Partial<SourceResult>).verifiedAt : undefined);
  if (c.status !== 'pass' || !window || !from) return c;
  const age = ageDays(from, now);
  if (age <= window) return c;
  return {
    ...c,
    status: 'fail',
    stale: false,
    message: `${c.message}; the proof is ${age} days old, older than the ${window}-day window`,
  };
}

function compare(a: Candidate, b: Candidate): number {
  return (
    RANK[b.status] - RANK[a.status] ||
    Number(a.kept) - Number(b.kept) ||
    (b.observedAt?.getTime() ?? -Infinity) -
      (a.observedAt?.getTime() ?? -Infinity) ||
    a.order - b.order ||
    a.message.localeCompare(b.message, 'en')
  );
}

function notDeclared(check: RubricCheck): Candidate {
  const names = check.annotations.map(a => a.key);
  return {
    checkId: check.id,
    status: 'not-declared',
    source: 'annotation',
    kept: false,
    stale: false,
    order: Infinity,
    message:
      names.length > 0
        ? `Nothing declares it; annotate the entity with ${names.join(' or ')}`
        : 'Nothing declares it',
  };
}

function explainDeclared(
  chosen: Candidate,
  input: CheckInput,
  notes: string[],
): string {
  if (notes.length > 0) return `${chosen.message}; ${notes.join('; ')}`;
  const verifiers = chosen.verifiedBy ?? [];
  const active = input.activeSources;
  if (chosen.status === 'declared' && active) {
    if (verifiers.length === 0 || !verifiers.some(s => active.has(s))) {
      const could = input.check.verifiers.map(v => v.source);
      return `${
        chosen.message
      }; not verified: no configured source can verify it${
        could.length > 0 ? ` (verifiable by ${could.join(', ')})` : ''
      }`;
    }
  }
  return chosen.message;
}

/**
 * Evaluates one check from its evidence (the evidence rules of docs/evidence.md):
 * - a source that cannot be asked keeps what it last verified, pass or fail: the check says
 *   `unknown`, `stale`, and counts only if the kept pass is within its window; only a check no
 *   source ever verified falls back to its annotation;
 * - every item is aged against the window from its own `observedAt` before one is chosen;
 * - a source's answer replaces the annotation's claim and what that source supersedes;
 * - a fail is never hidden by another source's outage, and ties break in a fixed order.
 * Evidence from a source that is not one of the check's verifiers is ignored.
 *
 * @internal
 */
export function evaluateCheck(input: CheckInput): CheckEvaluation {
  const { check, evidence, now } = input;
  const notes: string[] = [];
  const sourceResults: SourceResult[] = [];
  const answered: Candidate[] = [];
  check.verifiers.forEach(({ source }, order) => {
    const items = evidence.filter(e => e.source === source);
    if (items.length === 0) return;
    const { candidate, keep } = sourceAnswer(
      items,
      input.previous.find(p => p.source === source),
      order,
      notes,
      now,
    );
    if (keep) sourceResults.push(keep);
    if (candidate) answered.push(aged(candidate, input.windowDays, now));
  });

  const answeredSources = new Set(answered.map(c => c.source));
  const superseded = new Set(
    check.verifiers
      .filter(v => answeredSources.has(v.source))
      .flatMap(v => v.supersedes ?? []),
  );
  const candidates: Candidate[] = [
    ...answered.filter(c => !superseded.has(c.source)),
    ...evidence
      .filter(e => e.source === 'annotation')
      .filter(
        e =>
          e.status !== 'declared' ||
          !(e.verifiedBy ?? []).some(s => answeredSources.has(s)),
      )
      .map(e => ({
        ...e,
        kept: false,
        stale: false,
        order: check.verifiers.length,
      })),
  ];
  const chosen = candidates.sort(compare)[0] ?? notDeclared(check);
  const verified = chosen.status === 'pass';
  return {
    result: {
      id: check.id,
      level: check.level,
      title: check.title,
      // A kept result says the source could not be asked now; `counts` says whether it proves.
      status: chosen.kept ? 'unknown' : chosen.status,
      message:
        chosen.status === 'declared' || chosen.status === 'not-declared'
          ? explainDeclared(chosen, input, notes)
          : chosen.message,
      source: chosen.source,
      evidence: chosen.details,
      links: chosen.links ?? [],
      observedAt: chosen.observedAt?.toISOString(),
      stale: chosen.stale,
      counts:
        verified || (input.acceptDeclared && chosen.status === 'declared'),
    },
    sourceResults,
  };
}
