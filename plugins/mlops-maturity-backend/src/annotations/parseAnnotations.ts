import type { Entity } from '@backstage/catalog-model';
import {
  AnnotationProblem,
  MaturityLevel,
  MLOPS_ANNOTATIONS as A,
  parseMaturityLevel,
} from '@mlops-maturity/plugin-mlops-maturity-common';
import type { ToolReference } from '@mlops-maturity/plugin-mlops-maturity-node';
import type { Evidence } from '../evaluation/types';
import { parseRetrainCadence, RetrainCadence } from './cadence';
import {
  EVIDENCE_ANNOTATIONS,
  EvidenceAnnotation,
  ToolKind,
} from './evidenceAnnotations';
import {
  httpUrl,
  isRepositoryPath,
  MAX_VALUE_LENGTH,
  quote,
  splitList,
} from './values';

/**
 * A repository path to look for at the entity's source location.
 *
 * @internal
 */
export interface RepositoryReference {
  checkId: string;
  annotation: string;
  path: string;
  /** A source whose own evidence for the check supersedes the file's mere existence. */
  verifiedBy?: string;
}

/**
 * A check added in config that an annotation declares.
 *
 * @internal
 */
export interface DeclaredByAnnotation {
  checkId: string;
  annotations: string[];
}

/**
 * Everything the annotations of one entity say.
 *
 * @internal
 */
export interface ParsedAnnotations {
  /** Annotation-level evidence: `declared`, `invalid` or `not-declared`, possibly several per check. */
  evidence: Evidence[];
  tools: ToolReference[];
  repository: RepositoryReference[];
  problems: AnnotationProblem[];
  targetLevel?: MaturityLevel;
  cadence?: RetrainCadence;
  criticality?: 'low' | 'medium' | 'high';
}

/**
 * Options for {@link parseAnnotations}.
 *
 * @internal
 */
export interface ParseOptions {
  /** Names of the configured instances of each tool kind, first is the default. */
  instances: Partial<Record<ToolKind, readonly string[]>>;
  /** Checks added in config, declared by their own annotations. */
  declaredBy?: readonly DeclaredByAnnotation[];
}

const annotationEvidence = (
  checkId: string,
  status: Evidence['status'],
  message: string,
  links?: Evidence['links'],
): Evidence => ({ checkId, status, message, source: 'annotation', links });

function readAnnotation(entity: Entity, key: string): string | undefined {
  const value = entity.metadata.annotations?.[key];
  return typeof value === 'string' ? value : undefined;
}

const GITHUB_SLUG = /^[\w.-]{1,100}\/[\w.-]{1,100}$/;
const WORKFLOW_PATH = /^(?:\.\/)?(\.github\/workflows\/[^/\\]+\.ya?ml)$/;

/**
 * The CI collector's reference for a workflow named by a repository annotation whose check
 * workflow runs can prove, when the entity names its GitHub repository
 * (`github.com/project-slug`).
 */
function githubWorkflowReference(
  entity: Entity,
  spec: Extract<EvidenceAnnotation, { type: 'repository' }>,
  path: string,
): ToolReference | undefined {
  const slug = readAnnotation(entity, A.githubProjectSlug)?.trim();
  const workflow = WORKFLOW_PATH.exec(path)?.[1];
  if (!spec.provedByWorkflowRuns || !slug || !GITHUB_SLUG.test(slug)) {
    return undefined;
  }
  return workflow
    ? {
        checkId: spec.checkId,
        annotation: spec.annotation,
        tool: 'github',
        instance: '',
        id: workflow,
      }
    : undefined;
}

function parseToolValue(
  spec: Extract<EvidenceAnnotation, { type: 'tool' }>,
  value: string,
  options: ParseOptions,
): { refs: ToolReference[]; configured: boolean } | { error: string } {
  const items = splitList(value);
  if (!items) return { error: `${spec.annotation} has an empty list item` };
  const configured = options.instances[spec.tool] ?? [];
  const refs: ToolReference[] = [];
  for (const item of items) {
    const parts = item.split(':');
    let instance: string | undefined;
    let id: string;
    if (parts.length === spec.idParts + 1) {
      instance = parts[0];
      id = parts.slice(1).join(':');
    } else if (parts.length === spec.idParts) {
      id = item;
    } else {
      return {
        error: `${spec.annotation} value ${quote(item)} is not [instance:]${
          spec.idHint
        }`,
      };
    }
    if (instance === '' || !spec.idPattern.test(id)) {
      return {
        error: `${spec.annotation} value ${quote(item)} is not [instance:]${
          spec.idHint
        }`,
      };
    }
    if (configured.length > 0) {
      const name = instance ?? configured[0];
      if (!configured.includes(name)) {
        return {
          error: `${spec.annotation} names ${spec.tool} instance ${quote(
            name,
          )}, which is not configured (configured: ${configured.join(', ')})`,
        };
      }
      instance = name;
    }
    refs.push({
      checkId: spec.checkId,
      annotation: spec.annotation,
      tool: spec.tool,
      instance: instance ?? '',
      id,
    });
  }
  return { refs, configured: configured.length > 0 };
}

function parseProblems(entity: Entity, parsed: ParsedAnnotations) {
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
    parsed.cadence =
      cadence.length <= 64 ? parseRetrainCadence(cadence) : undefined;
    if (!parsed.cadence) {
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

function parseEvidenceAnnotation(
  entity: Entity,
  spec: EvidenceAnnotation,
  value: string,
  options: ParseOptions,
  parsed: ParsedAnnotations,
) {
  const { checkId, annotation } = spec;
  if (value.trim() === '') {
    parsed.evidence.push(
      annotationEvidence(checkId, 'invalid', `${annotation} is empty`),
    );
    return;
  }
  if (value.length > MAX_VALUE_LENGTH) {
    parsed.evidence.push(
      annotationEvidence(
        checkId,
        'invalid',
        `${annotation} is longer than ${MAX_VALUE_LENGTH} characters`,
      ),
    );
    return;
  }
  if (spec.type === 'link') {
    const url = httpUrl(value.trim());
    parsed.evidence.push(
      annotationEvidence(
        checkId,
        'declared',
        url
          ? `Declared by ${annotation}`
          : `Declared by ${annotation}: ${quote(value.trim())}`,
        url ? [{ title: annotation, url }] : undefined,
      ),
    );
    return;
  }
  if (spec.type === 'repository') {
    const path = value.trim();
    if (!isRepositoryPath(path)) {
      parsed.evidence.push(
        annotationEvidence(
          checkId,
          'invalid',
          `${annotation} must be a relative path inside the repository, not ${quote(
            path,
          )}`,
        ),
      );
      return;
    }
    // A workflow's runs prove more than its file: the CI collector's evidence supersedes both
    // the claim and the file's existence.
    const ci = githubWorkflowReference(entity, spec, path);
    if (ci) parsed.tools.push(ci);
    parsed.repository.push({
      checkId,
      annotation,
      path,
      ...(ci ? { verifiedBy: ci.tool } : {}),
    });
    parsed.evidence.push({
      ...annotationEvidence(
        checkId,
        'declared',
        `Declared by ${annotation}: ${quote(path)}`,
      ),
      verifiedBy: ci ? ['repository', ci.tool] : 'repository',
    });
    return;
  }
  const result = parseToolValue(spec, value, options);
  if ('error' in result) {
    parsed.evidence.push(annotationEvidence(checkId, 'invalid', result.error));
    return;
  }
  parsed.tools.push(...result.refs);
  const ids = result.refs.map(r => quote(r.id)).join(', ');
  parsed.evidence.push({
    ...annotationEvidence(
      checkId,
      'declared',
      result.configured
        ? `Declared by ${annotation} (${ids}); not verified by a live collector`
        : `Declared by ${annotation} (${ids}); no ${spec.tool} instance is configured to verify it`,
    ),
    verifiedBy: spec.tool,
  });
}

function parseDerivedChecks(entity: Entity, parsed: ParsedAnnotations) {
  const pipelineDeclared = parsed.evidence.some(
    e => e.checkId === 'training-pipeline' && e.status === 'declared',
  );
  if (parsed.cadence?.kind === 'on-drift') {
    parsed.evidence.push(
      pipelineDeclared
        ? {
            ...annotationEvidence(
              'drift-triggered-retraining',
              'declared',
              `Declared by ${A.retrainCadence}: on-drift, with a training pipeline`,
            ),
            // The orchestrator that runs the pipeline can prove what triggered it.
            verifiedBy: parsed.tools.find(
              t => t.checkId === 'training-pipeline',
            )?.tool,
          }
        : annotationEvidence(
            'drift-triggered-retraining',
            'not-declared',
            `${A.retrainCadence} is on-drift, but no valid training pipeline annotation names what retrains`,
          ),
    );
  }
  const promotion = readAnnotation(entity, A.promotion);
  if (promotion !== undefined) {
    const p = promotion.trim().toLowerCase();
    if (p === 'automatic') {
      parsed.evidence.push({
        ...annotationEvidence(
          'auto-promotion',
          'declared',
          `Declared by ${A.promotion}: automatic`,
        ),
        // The registry shows who moved the production alias.
        verifiedBy: parsed.tools.some(t => t.tool === 'mlflow')
          ? 'mlflow'
          : undefined,
      });
    } else if (p === 'manual') {
      parsed.evidence.push(
        annotationEvidence(
          'auto-promotion',
          'not-declared',
          `${A.promotion} says promotion is manual`,
        ),
      );
    } else {
      parsed.evidence.push(
        annotationEvidence(
          'auto-promotion',
          'invalid',
          `${A.promotion} must be automatic or manual, not ${quote(promotion)}`,
        ),
      );
    }
  }
}

/**
 * Reads what an entity's annotations say about each check, its target and its cadence.
 * Never throws: whatever a catalog file holds becomes evidence or a problem.
 *
 * @internal
 */
export function parseAnnotations(
  entity: Entity,
  options: ParseOptions,
): ParsedAnnotations {
  const parsed: ParsedAnnotations = {
    evidence: [],
    tools: [],
    repository: [],
    problems: [],
  };
  parseProblems(entity, parsed);
  for (const spec of EVIDENCE_ANNOTATIONS) {
    const value = readAnnotation(entity, spec.annotation);
    if (value !== undefined) {
      parseEvidenceAnnotation(entity, spec, value, options, parsed);
    }
  }
  parseDerivedChecks(entity, parsed);
  for (const { checkId, annotations } of options.declaredBy ?? []) {
    for (const annotation of annotations) {
      const value = readAnnotation(entity, annotation);
      if (value !== undefined) {
        parseEvidenceAnnotation(
          entity,
          { annotation, checkId, type: 'link' },
          value,
          options,
          parsed,
        );
      }
    }
  }
  return parsed;
}
