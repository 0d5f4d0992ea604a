import { createHash } from 'node:crypto';
import type { Config } from '@backstage/config';
import {
  DEFAULT_RUBRIC_CHECKS,
  DEFAULT_RUBRIC_LEVELS,
  Rubric,
  RubricAnnotation,
  RubricCheck,
  RubricVerifier,
} from '@mlops-maturity/plugin-mlops-maturity-common';
import { z } from 'zod/v3';

const CHECK_ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

const overrideSchema = z
  .object({
    enabled: z.boolean().optional(),
    level: z
      .union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)])
      .optional(),
    required: z.boolean().optional(),
    freshnessDays: z.number().int().positive().max(3650).optional(),
    title: z.string().min(1).max(200).optional(),
    why: z.string().min(1).max(2000).optional(),
    guidance: z.string().min(1).max(2000).optional(),
    annotations: z
      .array(
        z.union([
          z.string().min(1).max(253),
          z
            .object({
              key: z.string().min(1).max(253),
              tool: z.string().regex(/^[a-z][a-z0-9-]{0,62}$/),
            })
            .strict(),
        ]),
      )
      .min(1)
      .optional(),
    verifiers: z.array(z.string().regex(/^[a-z][a-z0-9-]{0,62}$/)).optional(),
  })
  .strict();

const rubricConfigSchema = z
  .object({
    checks: z.record(z.string(), overrideSchema).optional(),
  })
  .strict();

/** Stable JSON: object keys sorted, so that the version depends on content only. */
function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .filter(k => (value as any)[k] !== undefined)
      .map(k => `${JSON.stringify(k)}:${stableStringify((value as any)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * The version of a rubric: a short hash of its levels and checks.
 *
 * @internal
 */
export function rubricVersion(rubric: Omit<Rubric, 'version'>): string {
  return createHash('sha256')
    .update(stableStringify({ levels: rubric.levels, checks: rubric.checks }))
    .digest('hex')
    .slice(0, 12);
}

/** Every annotation of the default rubric by key: a key named in config keeps its meaning. */
const KNOWN_ANNOTATIONS = new Map<string, RubricAnnotation>(
  DEFAULT_RUBRIC_CHECKS.flatMap(c => c.annotations.map(a => [a.key, a])),
);
/** What each default verifier proves, for verifiers named in config. */
const KNOWN_VERIFIERS = new Map<string, RubricVerifier>(
  DEFAULT_RUBRIC_CHECKS.flatMap(c =>
    c.verifiers.map(v => [`${c.id}/${v.source}`, v]),
  ),
);

/**
 * A configured annotation: a known key keeps its kind (tool, repository, …); `{ key, tool }`
 * names objects of a tool kind (a third-party collector's); any other key is a link.
 */
function annotationOf(
  value: string | { key: string; tool: string },
): RubricAnnotation {
  if (typeof value !== 'string') {
    return {
      key: value.key,
      kind: 'tool',
      tool: value.tool,
      idPattern: '^[^\\s,:]{1,256}$',
      idHint: 'a name without spaces, commas or colons',
    };
  }
  return KNOWN_ANNOTATIONS.get(value) ?? { key: value, kind: 'link' };
}

/**
 * The tool kinds whose instances can be configured: those the rubric's annotations name.
 *
 * @internal
 */
export function rubricToolKinds(rubric: Pick<Rubric, 'checks'>): string[] {
  const kinds = rubric.checks.flatMap(c =>
    c.annotations.flatMap(a => (a.kind === 'tool' ? [a.tool] : [])),
  );
  return [...new Set(kinds)];
}

function verifierOf(checkId: string, source: string): RubricVerifier {
  return (
    KNOWN_VERIFIERS.get(`${checkId}/${source}`) ?? {
      source,
      proves: `the ${source} collector's evidence`,
    }
  );
}

/**
 * Builds the rubric from the defaults and `mlopsMaturity.rubric` in config. Throws with the
 * offending key when an override is invalid, so that a bad rubric stops start-up.
 *
 * @internal
 */
export function loadRubric(config?: Config): Rubric {
  const raw = config?.getOptional('mlopsMaturity.rubric') ?? {};
  const parsed = rubricConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const key = ['mlopsMaturity', 'rubric', ...issue.path].join('.');
    throw new Error(
      `Invalid MLOps maturity rubric at ${key}: ${issue.message}`,
    );
  }
  const checks = new Map<string, RubricCheck>(
    DEFAULT_RUBRIC_CHECKS.map(c => [c.id, c]),
  );
  for (const [id, override] of Object.entries(parsed.data.checks ?? {})) {
    const key = `mlopsMaturity.rubric.checks.${id}`;
    if (!CHECK_ID.test(id)) {
      throw new Error(
        `Invalid MLOps maturity rubric at ${key}: a check id is lower-case words joined by dashes`,
      );
    }
    const { enabled, annotations, verifiers, ...fields } = override;
    if (enabled === false) {
      checks.delete(id);
      continue;
    }
    const existing = checks.get(id);
    if (!existing) {
      const missing = (['level', 'title', 'annotations'] as const).filter(
        f => ({ ...fields, annotations }[f] === undefined),
      );
      if (missing.length > 0) {
        throw new Error(
          `Invalid MLOps maturity rubric at ${key}: a new check needs ${missing.join(
            ', ',
          )}`,
        );
      }
    }
    checks.set(id, {
      id,
      required: true,
      why: '',
      guidance: '',
      verifiers: [],
      ...existing,
      ...fields,
      ...(annotations ? { annotations: annotations.map(annotationOf) } : {}),
      ...(verifiers
        ? { verifiers: verifiers.map(source => verifierOf(id, source)) }
        : {}),
    } as RubricCheck);
  }
  for (const check of checks.values()) {
    for (const a of check.annotations) {
      if (a.kind === 'value' && a.requires && !checks.has(a.requires)) {
        throw new Error(
          `Invalid MLOps maturity rubric at mlopsMaturity.rubric.checks.${a.requires}: check ${check.id} needs it (${a.key}: ${a.declares})`,
        );
      }
      // Evidence of a tool that is not a verifier is ignored, so the annotation could never
      // be verified: refuse it rather than silently keep it a claim.
      if (
        a.kind === 'tool' &&
        !check.verifiers.some(v => v.source === a.tool)
      ) {
        throw new Error(
          `Invalid MLOps maturity rubric at mlopsMaturity.rubric.checks.${check.id}.verifiers: ${a.key} names ${a.tool} objects, so ${a.tool} must be one of the check's verifiers`,
        );
      }
    }
  }
  const body = {
    levels: DEFAULT_RUBRIC_LEVELS.map(l => ({ ...l })),
    checks: [...checks.values()].sort((a, b) => a.level - b.level),
  };
  return { version: rubricVersion(body), ...body };
}
