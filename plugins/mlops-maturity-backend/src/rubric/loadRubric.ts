import { createHash } from 'node:crypto';
import type { Config } from '@backstage/config';
import {
  DEFAULT_RUBRIC_CHECKS,
  DEFAULT_RUBRIC_LEVELS,
  Rubric,
  RubricCheck,
} from '@mlops-maturity/plugin-mlops-maturity-common';
import { z } from 'zod/v3';
import { EVIDENCE_ANNOTATIONS } from '../annotations/evidenceAnnotations';

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
    annotations: z.array(z.string().min(1).max(253)).min(1).optional(),
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

function defaultChecks(): RubricCheck[] {
  return DEFAULT_RUBRIC_CHECKS.map(check => ({
    ...check,
    annotations: EVIDENCE_ANNOTATIONS.filter(a => a.checkId === check.id).map(
      a => a.annotation,
    ),
  }));
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
  const checks = new Map(defaultChecks().map(c => [c.id, c]));
  for (const [id, override] of Object.entries(parsed.data.checks ?? {})) {
    const key = `mlopsMaturity.rubric.checks.${id}`;
    if (!CHECK_ID.test(id)) {
      throw new Error(
        `Invalid MLOps maturity rubric at ${key}: a check id is lower-case words joined by dashes`,
      );
    }
    const { enabled, ...fields } = override;
    if (enabled === false) {
      checks.delete(id);
      continue;
    }
    const existing = checks.get(id);
    if (!existing) {
      const missing = (['level', 'title', 'annotations'] as const).filter(
        f => fields[f] === undefined,
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
      ...existing,
      ...fields,
    } as RubricCheck);
  }
  const body = {
    levels: DEFAULT_RUBRIC_LEVELS.map(l => ({ ...l })),
    checks: [...checks.values()].sort((a, b) => a.level - b.level),
  };
  return { version: rubricVersion(body), ...body };
}
