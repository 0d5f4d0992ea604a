import type { Entity } from '@backstage/catalog-model';
import {
  AnnotationProblem,
  MaturityLevel,
  MAX_TOOL_IDS_PER_ANNOTATION,
  MLOPS_ANNOTATIONS as A,
  parseMaturityLevel,
  Rubric,
  RubricAnnotation,
  RubricCheck,
  toolIdProblem,
} from '@mlops-maturity/plugin-mlops-maturity-common';
import type {
  EntityFacts,
  ToolReference,
} from '@mlops-maturity/plugin-mlops-maturity-node';
import type { Evidence } from '../evaluation/types';
import { parseRetrainCadence } from './cadence';
import {
  httpUrl,
  isRepositoryPath,
  MAX_VALUE_LENGTH,
  quote,
  splitList,
} from './values';

/** The source id of repository evidence: files at the entity's source location. */
export const REPOSITORY_SOURCE = 'repository';
/** The source id of the CI collector, asked for workflows whose runs prove a check. */
export const GITHUB_SOURCE = 'github';

/**
 * Everything the annotations of one entity say, parsed against the rubric.
 *
 * @internal
 */
export interface ParsedAnnotations {
  /** Annotation evidence: `declared`, `invalid` or `not-declared`, possibly several per check. */
  evidence: Evidence[];
  /** References to objects that collectors (and the repository collector) verify. */
  references: ToolReference[];
  /** What the collectors may need beyond references. */
  facts: EntityFacts;
  problems: AnnotationProblem[];
  targetLevel?: MaturityLevel;
  criticality?: 'low' | 'medium' | 'high';
}

/**
 * Options for {@link parseAnnotations}.
 *
 * @internal
 */
export interface ParseOptions {
  rubric: Rubric;
  /** Names of the configured instances of each tool kind, first is the default. */
  instances: Readonly<Record<string, readonly string[] | undefined>>;
}

type Spec<K extends RubricAnnotation['kind']> = Extract<
  RubricAnnotation,
  { kind: K }
>;

const GITHUB_SLUG = /^[\w.-]{1,100}\/[\w.-]{1,100}$/;
const WORKFLOW_PATH = /^(?:\.\/)?(\.github\/workflows\/[^/\\]+\.ya?ml)$/;

/** The rubric's id patterns, compiled once each rather than once per annotation value. */
const patterns = new Map<string, RegExp>();
function compiled(source: string): RegExp {
  let pattern = patterns.get(source);
  if (!pattern) {
    pattern = new RegExp(source);
    patterns.set(source, pattern);
  }
  return pattern;
}

function readAnnotation(entity: Entity, key: string): string | undefined {
  const value = entity.metadata.annotations?.[key];
  return typeof value === 'string' ? value : undefined;
}

function locationUrl(entity: Entity, key: string): string | undefined {
  const value = readAnnotation(entity, key);
  return value ? httpUrl(value.trim().replace(/^url:/, '')) : undefined;
}

/** Reads the facts collectors need, and the malformed ones as problems. */
function parseFacts(entity: Entity, parsed: ParsedAnnotations) {
  const facts = parsed.facts;
  facts.sourceLocation = locationUrl(entity, A.sourceLocation);
  facts.managedByLocation = locationUrl(
    entity,
    'backstage.io/managed-by-location',
  );
  const slug = readAnnotation(entity, A.githubProjectSlug)?.trim();
  if (slug && GITHUB_SLUG.test(slug) && !toolIdProblem(slug)) {
    facts.githubSlug = slug;
  } else if (slug !== undefined) {
    parsed.problems.push({
      annotation: A.githubProjectSlug,
      message: `${A.githubProjectSlug} must be owner/repository, not ${quote(
        slug,
      )}; GitHub is not asked about its workflows`,
    });
  }
  const promotion = readAnnotation(entity, A.promotion)?.trim().toLowerCase();
  if (promotion === 'automatic' || promotion === 'manual') {
    facts.promotion = promotion;
  }

  const target = readAnnotation(entity, A.targetLevel);
  if (target !== undefined) {
    parsed.targetLevel = parseMaturityLevel(target);
    if (parsed.targetLevel === undefined) {
      parsed.problems.push({
        annotation: A.targetLevel,
        message: `${A.targetLevel} must be a level from 0 to 4, not ${quote(
          target,
        )}; the target is derived instead`,
      });
    }
  }
  const cadence = readAnnotation(entity, A.retrainCadence);
  if (cadence !== undefined) {
    facts.retrainCadence =
      cadence.length <= 64 ? parseRetrainCadence(cadence) : undefined;
    if (!facts.retrainCadence) {
      parsed.problems.push({
        annotation: A.retrainCadence,
        message: `${
          A.retrainCadence
        } must be daily, weekly, monthly, quarterly, yearly, on-drift or an ISO 8601 duration such as P90D, not ${quote(
          cadence,
        )}; it is ignored`,
      });
    }
  }
  const criticality = readAnnotation(entity, A.criticality);
  if (criticality !== undefined) {
    const c = criticality.trim().toLowerCase();
    if (c === 'low' || c === 'medium' || c === 'high') {
      parsed.criticality = c;
    } else {
      parsed.problems.push({
        annotation: A.criticality,
        message: `${A.criticality} must be low, medium or high, not ${quote(
          criticality,
        )}; it is ignored`,
      });
    }
  }
}

/**
 * Parses a tool annotation's `[instance:]id[,…]` into references, or, with the spec's `syntax`,
 * its ids as the tool's own plugin writes them with the instance from `instanceAnnotation`; the
 * instance must be one configured for the tool kind, or absent when none is. Every id must
 * also pass {@link toolIdProblem}, since ids go into URL paths; a repeated reference counts
 * once, and more than {@link MAX_TOOL_IDS_PER_ANNOTATION} make the annotation invalid, since
 * each costs requests.
 */
function parseToolValue(
  spec: Spec<'tool'>,
  checkId: string,
  value: string,
  entity: Entity,
  options: ParseOptions,
): { refs: ToolReference[] } | { error: string } {
  const items = spec.syntax === 'whole' ? [value.trim()] : splitList(value);
  if (!items) return { error: `${spec.key} has an empty list item` };
  const configured = options.instances[spec.tool] ?? [];
  const idPattern = compiled(spec.idPattern);
  const idParts = spec.idParts ?? 1;
  const hint = spec.syntax ? spec.idHint : `[instance:]${spec.idHint}`;
  const malformed = (item: string) => ({
    error: `${spec.key} value ${quote(item)} is not ${hint}`,
  });
  const named = spec.instanceAnnotation
    ? readAnnotation(entity, spec.instanceAnnotation)?.trim()
    : undefined;
  if (named === '') return { error: `${spec.instanceAnnotation} is empty` };
  // Where the instance name was read, for the message when it is not configured.
  const instanceKey = named === undefined ? spec.key : spec.instanceAnnotation;
  const refs = new Map<string, ToolReference>();
  for (const item of items) {
    let instance: string | undefined = named;
    let id = item;
    if (!spec.syntax) {
      const parts = item.split(':');
      if (parts.length === idParts + 1) {
        instance = parts[0];
        id = parts.slice(1).join(':');
      } else if (parts.length !== idParts) {
        return malformed(item);
      }
    }
    if (instance === '' || !idPattern.test(id)) return malformed(item);
    const problem = toolIdProblem(id);
    if (problem) return { error: `${malformed(item).error}: ${problem}` };
    if (configured.length > 0) {
      const name = instance ?? configured[0];
      if (!configured.includes(name)) {
        return {
          error: `${instanceKey} names ${spec.tool} instance ${quote(
            name,
          )}, which is not configured (configured: ${configured.join(', ')})`,
        };
      }
      instance = name;
    }
    refs.set(`${instance ?? ''}:${id}`, {
      checkId,
      annotation: spec.key,
      tool: spec.tool,
      instance: instance ?? '',
      id,
    });
  }
  if (refs.size > MAX_TOOL_IDS_PER_ANNOTATION) {
    return {
      error: `${spec.key} names ${refs.size} objects; at most ${MAX_TOOL_IDS_PER_ANNOTATION} are read from one annotation`,
    };
  }
  return { refs: [...refs.values()] };
}

const sourcesOf = (check: RubricCheck) => check.verifiers.map(v => v.source);

/** The sources among the check's verifiers, so a config override of verifiers applies here too. */
const verifying = (check: RubricCheck, sources: string[]) =>
  sources.filter(s => sourcesOf(check).includes(s));

class EntityParser {
  readonly parsed: ParsedAnnotations = {
    evidence: [],
    references: [],
    facts: {},
    problems: [],
  };

  constructor(
    private readonly entity: Entity,
    private readonly options: ParseOptions,
  ) {}

  #push(
    check: RubricCheck,
    status: Evidence['status'],
    message: string,
    extra: Partial<Evidence> = {},
  ) {
    this.parsed.evidence.push({
      checkId: check.id,
      status,
      message,
      source: 'annotation',
      ...extra,
    });
  }

  parse(): ParsedAnnotations {
    parseFacts(this.entity, this.parsed);
    const checks = this.options.rubric.checks;
    // Value annotations may require another check's tool annotations: read those first.
    for (const check of checks) {
      for (const spec of check.annotations) {
        if (spec.kind !== 'value') this.#annotation(check, spec);
      }
    }
    for (const check of checks) {
      for (const spec of check.annotations) {
        if (spec.kind === 'value') this.#annotation(check, spec);
      }
    }
    return this.parsed;
  }

  #annotation(check: RubricCheck, spec: RubricAnnotation) {
    const value = readAnnotation(this.entity, spec.key);
    if (value === undefined) return;
    if (spec.kind === 'value') {
      this.#value(check, spec, value);
      return;
    }
    if (value.trim() === '') {
      this.#push(check, 'invalid', `${spec.key} is empty`);
      return;
    }
    if (value.length > MAX_VALUE_LENGTH) {
      this.#push(
        check,
        'invalid',
        `${spec.key} is longer than ${MAX_VALUE_LENGTH} characters`,
      );
      return;
    }
    if (spec.kind === 'link') this.#link(check, spec, value.trim());
    else if (spec.kind === 'repository') this.#repository(check, spec, value);
    else this.#tool(check, spec, value);
  }

  #link(check: RubricCheck, spec: Spec<'link'>, value: string) {
    const url = httpUrl(value);
    this.#push(
      check,
      'declared',
      url
        ? `Declared by ${spec.key}`
        : `Declared by ${spec.key}: ${quote(value)}`,
      {
        links: url ? [{ title: spec.key, url }] : undefined,
        verifiedBy: sourcesOf(check),
      },
    );
  }

  #repository(check: RubricCheck, spec: Spec<'repository'>, value: string) {
    const path = value.trim();
    if (!isRepositoryPath(path)) {
      this.#push(
        check,
        'invalid',
        `${spec.key} must be a relative path inside the repository, not ${quote(
          path,
        )}`,
      );
      return;
    }
    const ref = { checkId: check.id, annotation: spec.key, instance: '' };
    this.parsed.references.push({ ...ref, tool: REPOSITORY_SOURCE, id: path });
    const workflow = WORKFLOW_PATH.exec(path)?.[1];
    const ci =
      spec.workflowRunsProve && workflow && this.parsed.facts.githubSlug;
    if (ci) {
      this.parsed.references.push({
        ...ref,
        tool: GITHUB_SOURCE,
        id: workflow,
      });
    }
    this.#push(check, 'declared', `Declared by ${spec.key}: ${quote(path)}`, {
      verifiedBy: verifying(
        check,
        ci ? [REPOSITORY_SOURCE, GITHUB_SOURCE] : [REPOSITORY_SOURCE],
      ),
    });
  }

  #tool(check: RubricCheck, spec: Spec<'tool'>, value: string) {
    const result = parseToolValue(
      spec,
      check.id,
      value,
      this.entity,
      this.options,
    );
    if ('error' in result) {
      this.#push(check, 'invalid', result.error);
      return;
    }
    this.parsed.references.push(...result.refs);
    const ids = result.refs.map(r => quote(r.id)).join(', ');
    this.#push(check, 'declared', `Declared by ${spec.key} (${ids})`, {
      verifiedBy: verifying(check, [spec.tool]),
    });
  }

  #value(check: RubricCheck, spec: Spec<'value'>, value: string) {
    const v = value.trim().toLowerCase();
    if (v === spec.declares.toLowerCase()) {
      const required = spec.requires;
      if (!required) {
        this.#push(check, 'declared', `Declared by ${spec.key}: ${v}`, {
          verifiedBy: sourcesOf(check),
        });
        return;
      }
      // The tools that run the required check (the orchestrator of the training pipeline)
      // are the ones that can prove this one.
      const tools = this.parsed.references
        .filter(r => r.checkId === required)
        .map(r => r.tool);
      if (tools.length > 0) {
        this.#push(
          check,
          'declared',
          `Declared by ${spec.key}: ${v}, with ${required} declared by ${
            this.parsed.references.find(r => r.checkId === required)!.annotation
          }`,
          { verifiedBy: verifying(check, [...new Set(tools)]) },
        );
      } else {
        this.#push(
          check,
          'not-declared',
          `${spec.key} is ${v}, but no valid annotation declares ${required}, which it needs`,
        );
      }
      return;
    }
    if (spec.denies === undefined) return;
    if (v === spec.denies.toLowerCase()) {
      this.#push(check, 'not-declared', `${spec.key} says ${v}`);
    } else {
      this.#push(
        check,
        'invalid',
        `${spec.key} must be ${spec.declares} or ${spec.denies}, not ${quote(
          value,
        )}`,
      );
    }
  }
}

/**
 * Reads what an entity's annotations say about each check of the rubric, its target and the
 * facts collectors need. Never throws: whatever a catalog file holds becomes evidence or a
 * problem.
 *
 * @internal
 */
export function parseAnnotations(
  entity: Entity,
  options: ParseOptions,
): ParsedAnnotations {
  return new EntityParser(entity, options).parse();
}
