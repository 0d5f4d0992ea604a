import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  AnnotationProblem,
  Assessment,
  CheckResult,
  CheckStatus,
  MaturityLevel,
  NextLevel,
  Rubric,
  RubricCheck,
} from '@mlops-maturity/plugin-mlops-maturity-common';
import type { ParsedAnnotations } from '../annotations/parseAnnotations';
import { targetLevel } from './targetLevel';
import type { Evidence, PreviousCheck } from './types';

/** How long a verified pass is kept through outages when its check sets no window. */
export const DEFAULT_STALE_DAYS = 30;

const DAY_MS = 24 * 60 * 60 * 1000;

const RANK: Record<CheckStatus, number> = {
  pass: 6,
  unknown: 5,
  declared: 4,
  fail: 3,
  invalid: 2,
  'not-declared': 1,
};

/**
 * Everything {@link evaluateAssessment} needs; it does no I/O.
 *
 * @internal
 */
export interface EvaluationInput {
  entity: Entity;
  /** How many selected ML services the entity's owner runs. */
  ownerServiceCount: number;
  /** The domain of the entity's system, looked up by the caller. */
  domain?: string;
  parsed: ParsedAnnotations;
  /** Evidence from the repository and live collectors (annotation evidence is in `parsed`). */
  evidence: readonly Evidence[];
  previous?: ReadonlyMap<string, PreviousCheck>;
  rubric: Rubric;
  acceptDeclared: boolean;
  now: Date;
}

/**
 * An assessment plus what the store keeps to carry verified passes through outages.
 *
 * @internal
 */
export interface EvaluatedAssessment {
  assessment: Assessment;
  /** Per check: when it was last verified as passing. */
  lastPassAt: Map<string, Date | undefined>;
}

/** Lower-cased entity ref, the key under which assessments are stored and looked up. */
export function entityRefKey(entity: Entity | string): string {
  return (
    typeof entity === 'string' ? entity : stringifyEntityRef(entity)
  ).toLocaleLowerCase('en-US');
}

function relatedRef(
  value: unknown,
  defaultKind: string,
  defaultNamespace: string,
): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  try {
    return entityRefKey(
      stringifyEntityRef(
        parseEntityRef(value.trim(), { defaultKind, defaultNamespace }),
      ),
    );
  } catch {
    return undefined;
  }
}

/**
 * The entity's owner and system as lower-cased refs, and its lifecycle.
 *
 * @internal
 */
export function entityRelations(entity: Entity) {
  const namespace = entity.metadata.namespace ?? 'default';
  const spec = (entity.spec ?? {}) as Record<string, unknown>;
  return {
    owner: relatedRef(spec.owner, 'group', namespace),
    system: relatedRef(spec.system, 'system', namespace),
    lifecycle: typeof spec.lifecycle === 'string' ? spec.lifecycle : undefined,
  };
}

function bestEvidence(candidates: Evidence[]): Evidence | undefined {
  const verifiers = new Set(
    candidates.filter(e => e.source !== 'annotation').map(e => e.source),
  );
  const usable = candidates.filter(
    e => ![e.verifiedBy ?? []].flat().some(v => verifiers.has(v)),
  );
  return usable.reduce<Evidence | undefined>(
    (best, e) => (!best || RANK[e.status] > RANK[best.status] ? e : best),
    undefined,
  );
}

function notDeclared(check: RubricCheck): Evidence {
  const names = check.annotations ?? [];
  return {
    checkId: check.id,
    status: 'not-declared',
    source: 'annotation',
    message:
      names.length > 0
        ? `Nothing declares it; annotate the entity with ${names.join(' or ')}`
        : 'Nothing declares it',
  };
}

/**
 * The freshness window of a check for this entity: a training pipeline must have succeeded
 * within twice its declared retrain cadence, other checks use the rubric's window.
 */
export function freshnessWindowDays(
  check: RubricCheck,
  parsed: Pick<ParsedAnnotations, 'cadence'>,
): number | undefined {
  if (check.id === 'training-pipeline' && parsed.cadence?.kind === 'period') {
    return 2 * parsed.cadence.days;
  }
  return check.freshnessDays;
}

function applyFreshness(
  e: Evidence,
  windowDays: number | undefined,
  now: Date,
): Evidence {
  if (e.status !== 'pass' || !e.observedAt || !windowDays) return e;
  const ageDays = Math.floor((now.getTime() - e.observedAt.getTime()) / DAY_MS);
  if (ageDays <= windowDays) return e;
  return {
    ...e,
    status: 'fail',
    message: `${e.message}; the proof is ${ageDays} days old, older than the ${windowDays}-day window`,
  };
}

function evaluateCheck(
  check: RubricCheck,
  candidates: Evidence[],
  previous: PreviousCheck | undefined,
  input: EvaluationInput,
): { result: CheckResult; lastPassAt?: Date } {
  const windowDays = freshnessWindowDays(check, input.parsed);
  const chosen = applyFreshness(
    bestEvidence(candidates) ?? notDeclared(check),
    windowDays,
    input.now,
  );
  let stale = false;
  let message = chosen.message;
  let lastPassAt = chosen.status === 'pass' ? input.now : undefined;
  if (chosen.status === 'unknown' && previous?.lastPassAt) {
    const windowMs = (windowDays ?? DEFAULT_STALE_DAYS) * DAY_MS;
    if (input.now.getTime() - previous.lastPassAt.getTime() <= windowMs) {
      stale = true;
      lastPassAt = previous.lastPassAt;
      message = `${message}; keeping the pass verified ${previous.lastPassAt.toISOString()}`;
    }
  }
  const verified = chosen.status === 'pass' || stale;
  const counts =
    verified ||
    (input.acceptDeclared &&
      (chosen.status === 'declared' || chosen.status === 'unknown'));
  return {
    result: {
      id: check.id,
      level: check.level,
      title: check.title,
      status: chosen.status,
      message,
      source: chosen.source,
      evidence: chosen.details,
      links: chosen.links ?? [],
      observedAt: chosen.observedAt?.toISOString(),
      stale,
      counts,
    },
    lastPassAt,
  };
}

/** The highest level whose required checks, and those of every level below, all count. */
function reachedLevel(
  rubric: Rubric,
  counts: (checkId: string) => boolean,
): MaturityLevel {
  let level: MaturityLevel = 0;
  for (const next of [1, 2, 3, 4] as const) {
    const required = rubric.checks.filter(c => c.level === next && c.required);
    if (!required.every(c => counts(c.id))) break;
    level = next;
  }
  return level;
}

/**
 * Evaluates the rubric for one entity: a pure function of its inputs.
 *
 * @internal
 */
export function evaluateAssessment(
  input: EvaluationInput,
): EvaluatedAssessment {
  const { entity, rubric, parsed } = input;
  const all = [...parsed.evidence, ...input.evidence];
  const checks: CheckResult[] = [];
  const lastPassAt = new Map<string, Date | undefined>();
  const problems: AnnotationProblem[] = [...parsed.problems];

  for (const check of rubric.checks) {
    const candidates = all.filter(e => e.checkId === check.id);
    const { result, lastPassAt: passedAt } = evaluateCheck(
      check,
      candidates,
      input.previous?.get(check.id),
      input,
    );
    checks.push(result);
    lastPassAt.set(check.id, passedAt);
    if (result.status !== 'invalid') {
      for (const e of candidates.filter(c => c.status === 'invalid')) {
        problems.push({ annotation: check.id, message: e.message });
      }
    }
  }

  const byId = new Map(checks.map(c => [c.id, c]));
  const level = reachedLevel(rubric, id => byId.get(id)?.counts ?? false);
  const verifiedLevel = reachedLevel(rubric, id => {
    const c = byId.get(id);
    return !!c && (c.status === 'pass' || c.stale);
  });
  const target = targetLevel(entity, parsed, input.ownerServiceCount);
  const skippedFoundations = checks.some(c => c.counts && c.level >= level + 2);

  let nextLevel: NextLevel | undefined;
  if (level < 4) {
    const next = (level + 1) as MaturityLevel;
    nextLevel = {
      level: next,
      effort: rubric.levels.find(l => l.level === next)?.effort,
      blockers: rubric.checks
        .filter(c => c.level === next && c.required && !byId.get(c.id)?.counts)
        .map(c => {
          const r = byId.get(c.id)!;
          return {
            checkId: c.id,
            title: c.title,
            status: r.status,
            message: r.message,
            guidance: c.guidance,
          };
        }),
    };
  }

  const relations = entityRelations(entity);
  return {
    assessment: {
      entityRef: entityRefKey(entity),
      title: entity.metadata.title ?? entity.metadata.name,
      owner: relations.owner,
      system: relations.system,
      domain: input.domain,
      lifecycle: relations.lifecycle,
      level,
      verifiedLevel,
      targetLevel: target.level,
      targetReason: target.reason,
      meetsTarget: level >= target.level,
      skippedFoundations,
      problems,
      assessedAt: input.now.toISOString(),
      rubricVersion: rubric.version,
      checks,
      nextLevel,
    },
    lastPassAt,
  };
}
