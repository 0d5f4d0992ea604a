import type { CollectedEvidence } from '@mlops-maturity/plugin-mlops-maturity-node';
import type {
  MlflowModelVersion,
  MlflowRegisteredModel,
  MlflowTag,
} from './mlflowTypes';

/**
 * Tag conventions on model versions, written by pipelines (documented in the README).
 *
 * @internal
 */
export const MLFLOW_TAGS = {
  validationStatus: 'validation_status',
  comparedToVersion: 'compared_to_version',
  promotedBy: 'promoted_by',
  promotedAt: 'promoted_at',
} as const;

/** `promoted_by` values that mean an automated job moved the production alias. */
const AUTOMATED = ['pipeline', 'automation', 'auto-promotion'];

/**
 * What the collector knows about one registered model.
 *
 * @internal
 */
export interface MlflowModelFacts {
  instance: string;
  /** The MLflow UI, for deep links. */
  baseUrl: string;
  name: string;
  model?: MlflowRegisteredModel;
  versions: MlflowModelVersion[];
  /** The alias that marks the production version, `champion` by default. */
  championAlias: string;
  /** Metrics of the production version's run, when the version itself carries none. */
  runMetrics?: Array<{ key: string; value: number }>;
  /** Whether the entity claims automatic promotion. */
  declaresAutoPromotion: boolean;
}

const tag = (tags: MlflowTag[] | undefined, key: string) =>
  tags?.find(t => t.key === key)?.value;

const toDate = (ms: number | string | undefined) =>
  ms === undefined || ms === '' ? undefined : new Date(Number(ms));

/**
 * The production version: the one the champion alias points at, else the newest in stage
 * Production (MLflow 2 stages), else the newest READY version.
 *
 * @internal
 */
export function productionVersion(facts: MlflowModelFacts) {
  const ready = facts.versions.filter(
    v => v.status === undefined || v.status === 'READY',
  );
  const byNumber = (a: MlflowModelVersion, b: MlflowModelVersion) =>
    Number(b.version) - Number(a.version);
  const aliased = facts.model?.aliases?.find(
    a => a.alias === facts.championAlias,
  )?.version;
  const champion = aliased ? ready.find(v => v.version === aliased) : undefined;
  if (champion)
    return { version: champion, via: `alias ${facts.championAlias}` };
  const staged = ready
    .filter(v => v.current_stage === 'Production')
    .sort(byNumber)[0];
  if (staged) return { version: staged, via: 'stage Production' };
  const newest = [...ready].sort(byNumber)[0];
  return newest ? { version: newest, via: 'newest READY version' } : undefined;
}

/**
 * Evidence from one registered model: experiment tracking, the quality gate's validation tags
 * and automatic promotion. A pure function of what MLflow answered.
 *
 * @internal
 */
export function mlflowModelEvidence(
  facts: MlflowModelFacts,
): CollectedEvidence[] {
  const where = `MLflow ${facts.instance}`;
  const modelUrl = `${facts.baseUrl}/#/models/${encodeURIComponent(
    facts.name,
  )}`;
  if (!facts.model) {
    return [
      {
        checkId: 'experiment-tracking',
        status: 'fail',
        message: `Registered model "${facts.name}" does not exist in ${where}`,
      },
    ];
  }
  const ready = facts.versions.filter(v => v.status === 'READY');
  const production = productionVersion(facts);
  if (!production || ready.length === 0) {
    return [
      {
        checkId: 'experiment-tracking',
        status: 'fail',
        message: `"${facts.name}" has no READY version in ${where}`,
        links: [{ title: `${facts.name} in MLflow`, url: modelUrl }],
      },
    ];
  }
  const v = production.version;
  const versionUrl = `${modelUrl}/versions/${encodeURIComponent(v.version)}`;
  const links = [
    { title: `${facts.name} v${v.version} in MLflow`, url: versionUrl },
  ];
  const observedAt =
    toDate(v.last_updated_timestamp) ?? toDate(v.creation_timestamp);
  const metrics = v.model_metrics?.length
    ? v.model_metrics
    : facts.runMetrics ?? [];
  const shown = metrics
    .slice(0, 3)
    .map(m => `${m.key}=${Number(m.value).toPrecision(3)}`)
    .join(', ');
  const evidence: CollectedEvidence[] = [
    metrics.length > 0
      ? {
          checkId: 'experiment-tracking',
          status: 'pass',
          message: `"${facts.name}" v${v.version} (${
            production.via
          }) is READY with ${metrics.length} metric${
            metrics.length === 1 ? '' : 's'
          } (${shown}); ${ready.length} READY version${
            ready.length === 1 ? '' : 's'
          }`,
          observedAt,
          links,
          details: {
            model: facts.name,
            version: v.version,
            via: production.via,
            readyVersions: ready.length,
          },
        }
      : {
          checkId: 'experiment-tracking',
          status: 'fail',
          message: `"${facts.name}" v${v.version} (${production.via}) has no metrics, on the version or its run`,
          observedAt,
          links,
        },
  ];

  const validation = tag(v.tags, MLFLOW_TAGS.validationStatus);
  const anyValidation = facts.versions.some(x =>
    tag(x.tags, MLFLOW_TAGS.validationStatus),
  );
  const blocked = facts.versions.filter(
    x => tag(x.tags, MLFLOW_TAGS.validationStatus) === 'failed',
  );
  if (validation === 'passed') {
    const compared = tag(v.tags, MLFLOW_TAGS.comparedToVersion);
    evidence.push({
      checkId: 'quality-gate',
      status: 'pass',
      message: `v${v.version} passed validation${
        compared ? `, compared with v${compared}` : ''
      }${
        blocked.length > 0
          ? `; ${blocked.length} version(s) failed it and were kept out`
          : ''
      }`,
      observedAt,
      links,
      details: {
        validatedVersion: v.version,
        comparedTo: compared ?? null,
        failedVersions: blocked.length,
      },
    });
  } else if (anyValidation) {
    evidence.push({
      checkId: 'quality-gate',
      status: 'fail',
      message: `The production version v${v.version} carries no ${MLFLOW_TAGS.validationStatus}=passed tag`,
      links,
    });
  }

  const promotedBy = tag(v.tags, MLFLOW_TAGS.promotedBy);
  if (promotedBy && AUTOMATED.includes(promotedBy.toLowerCase())) {
    const promotedAt = tag(v.tags, MLFLOW_TAGS.promotedAt);
    const at =
      promotedAt && !Number.isNaN(Date.parse(promotedAt))
        ? new Date(promotedAt)
        : observedAt;
    evidence.push({
      checkId: 'auto-promotion',
      status: 'pass',
      message: `v${v.version} was promoted by ${promotedBy}${
        promotedAt ? ` at ${promotedAt}` : ''
      }`,
      observedAt: at,
      links,
    });
  } else if (promotedBy || facts.declaresAutoPromotion) {
    evidence.push({
      checkId: 'auto-promotion',
      status: 'fail',
      message: promotedBy
        ? `v${v.version} was promoted by ${promotedBy}, not by a pipeline`
        : `v${v.version} has no ${MLFLOW_TAGS.promotedBy}=pipeline tag`,
      links,
    });
  }
  return evidence;
}
