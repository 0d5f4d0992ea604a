import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  AnnotationProblem,
  Assessment,
  CheckResult,
  MaturityLevel,
  NextLevel,
  Rubric,
  Waiver,
} from '@mlops-maturity/plugin-mlops-maturity-common';
import type { ParsedAnnotations } from '../evidence/parseAnnotations';
import type { SourceResult } from '../store/MaturityStore';
import { evaluateCheck } from './evaluateCheck';
import { freshnessWindowDays } from './freshness';
import { targetLevel } from './targetLevel';
import type { Evidence } from './types';
import { activeWaivers, applyWaiver } from './waivers';

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
  /** What each source last verified about each check of the entity, from the store. */
  previous?: readonly SourceResult[];
  rubric: Rubric;
  acceptDeclared: boolean;
  /** Sources with a registered collector, for saying that nothing can verify a claim. */
  activeSources?: ReadonlySet<string>;
  /** The entity's waivers, from the store; those not active at `now` are ignored. */
  waivers?: readonly Waiver[];
  now: Date;
}

/**
 * An assessment plus what the store keeps to carry verified passes through outages.
 *
 * @internal
 */
export interface EvaluatedAssessment {
  assessment: Assessment;
  /** What each source verified, to keep for the next run. */
  sourceResults: SourceResult[];
}

/** Lower-cased entity ref, the key under which assessments are stored and looked up. */
export function entityRefKey(entity: Entity | string): string {
  // The catalog lower-cases refs with toLocaleLowerCase('en-US'): for that locale it maps
  // every character as toLowerCase does, which is many times faster.
  return (
    typeof entity === 'string' ? entity : stringifyEntityRef(entity)
  ).toLowerCase();
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
  const sourceResults: SourceResult[] = [];
  const problems: AnnotationProblem[] = [...parsed.problems];
  const checkIds = new Set(rubric.checks.map(c => c.id));
  const waivers = activeWaivers(input.waivers ?? [], input.now).filter(w =>
    checkIds.has(w.checkId),
  );

  for (const check of rubric.checks) {
    const evidence = all.filter(e => e.checkId === check.id);
    const evaluated = evaluateCheck({
      check,
      evidence,
      previous: (input.previous ?? []).filter(p => p.checkId === check.id),
      windowDays: freshnessWindowDays(check, parsed.facts.retrainCadence),
      acceptDeclared: input.acceptDeclared,
      activeSources: input.activeSources,
      now: input.now,
    });
    checks.push(
      applyWaiver(
        evaluated.result,
        waivers.find(w => w.checkId === check.id),
      ),
    );
    sourceResults.push(...evaluated.sourceResults);
    if (evaluated.result.status !== 'invalid') {
      for (const e of evidence.filter(c => c.status === 'invalid')) {
        problems.push({ annotation: check.id, message: e.message });
      }
    }
  }

  const byId = new Map(checks.map(c => [c.id, c]));
  const level = reachedLevel(rubric, id => byId.get(id)?.counts ?? false);
  // A kept pass (stale, within its window) is still verified evidence.
  const verifiedLevel = reachedLevel(rubric, id => {
    const c = byId.get(id);
    return !!c && (c.status === 'pass' || (c.stale && c.counts));
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
      ...(waivers.length > 0 && { waivers }),
      waivedChecks: checks.filter(c => c.status === 'waived').length,
    },
    sourceResults,
  };
}
