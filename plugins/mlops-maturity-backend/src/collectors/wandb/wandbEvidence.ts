import type { EvidenceLink } from '@mlops-maturity/plugin-mlops-maturity-common';
import type { CollectedEvidence } from '@mlops-maturity/plugin-mlops-maturity-node';
import type {
  WandbAliasAction,
  WandbCollectionAnswer,
  WandbMembership,
} from './wandbTypes';

/** The prefix of a registry's project name; annotations name the registry without it. */
export const REGISTRY_PREFIX = 'wandb-registry-';

type Collection = NonNullable<
  NonNullable<WandbCollectionAnswer['project']>['artifactCollection']
>;

/**
 * What the collector knows about one registry collection.
 *
 * @internal
 */
export interface WandbCollectionFacts {
  instance: string;
  /** The W&B UI, for deep links, e.g. `https://wandb.ai`. */
  appUrl: string;
  organization: string;
  /** The org entity's name, which registry paths start with. */
  orgEntity: string;
  /** The registry's name without `wandb-registry-`, e.g. `model`. */
  registry: string;
  collectionName: string;
  registryExists: boolean;
  /** Undefined when the registry has no such collection. */
  collection?: Collection;
  /** The alias that marks the production version, `production` by default. */
  productionAlias: string;
  /** Whether the entity claims automatic promotion. */
  declaresAutoPromotion: boolean;
  /** Who moved the production alias, as far as W&B returned it; read only for automatic promotion. */
  aliasHistory?: { actions: WandbAliasAction[]; truncated: boolean };
  /** Usernames that count as automations besides service accounts. */
  automationUsers: readonly string[];
}

interface Metric {
  key: string;
  value: number;
}

/** The collection in the W&B Registry UI, at a version when given (the SDK's registry URL). */
export function registryUrl(facts: WandbCollectionFacts, version?: number) {
  const base = `${facts.appUrl}/orgs/${encodeURIComponent(
    facts.organization,
  )}/registry/${encodeURIComponent(facts.registry)}`;
  const path = `${facts.orgEntity}/${REGISTRY_PREFIX}${facts.registry}/${facts.collectionName}`;
  const at =
    version === undefined ? '' : `&view=membership&version=v${version}`;
  return `${base}?selectionPath=${encodeURIComponent(path)}${at}`;
}

function parseJson(text: unknown): unknown {
  if (typeof text !== 'string') return text;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Numeric values of a metadata or summary object, to three levels deep. Keys starting with `_`
 * are W&B's own (`_runtime`, `_step`), and objects with a `_type` are media or tables.
 */
export function numericLeaves(
  value: unknown,
  prefix = '',
  depth = 0,
): Metric[] {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return [];
  if ('_type' in value || depth > 2) return [];
  return Object.entries(value).flatMap(([key, v]) => {
    if (key.startsWith('_')) return [];
    const name = prefix ? `${prefix}.${key}` : key;
    if (typeof v === 'number' && Number.isFinite(v))
      return [{ key: name, value: v }];
    return numericLeaves(v, name, depth + 1);
  });
}

/**
 * The version the checks judge: the one the production alias points at, else the newest linked
 * version (`latest`).
 *
 * @internal
 */
export function judgedVersion(
  facts: WandbCollectionFacts,
): { membership: WandbMembership; via: string } | undefined {
  const { production, latest } = facts.collection ?? {};
  if (production?.artifact)
    return { membership: production, via: `alias ${facts.productionAlias}` };
  if (latest?.artifact)
    return { membership: latest, via: 'newest linked version' };
  return undefined;
}

/** The version's metrics: from its metadata, else from the summary of the run that logged it. */
export function versionMetrics(membership: WandbMembership): {
  metrics: Metric[];
  from?: string;
} {
  const artifact = membership.artifact;
  const fromMetadata = numericLeaves(parseJson(artifact?.metadata));
  if (fromMetadata.length > 0)
    return { metrics: fromMetadata, from: 'metadata' };
  const run =
    artifact?.createdBy?.__typename === 'Run' ? artifact.createdBy : undefined;
  const fromRun = numericLeaves(parseJson(run?.summaryMetrics));
  if (fromRun.length > 0)
    return {
      metrics: fromRun,
      from: `summary of run ${run?.displayName || run?.name}`,
    };
  return { metrics: [] };
}

/** W&B's DateTime: ISO 8601 in UTC, usually without a zone designator (`2023-11-05T17:46:35`). */
export function wandbDate(iso: string | null | undefined): Date | undefined {
  if (!iso) return undefined;
  const utc = /(?:Z|[+-]\d\d:?\d\d)$/i.test(iso) ? iso : `${iso}Z`;
  const ms = Date.parse(utc);
  return Number.isNaN(ms) ? undefined : new Date(ms);
}

const toDate = wandbDate;

/** Where the run that logged the version is, in the W&B UI (the SDK's run URL). */
function runLink(
  facts: WandbCollectionFacts,
  membership: WandbMembership,
): EvidenceLink[] {
  const run = membership.artifact?.createdBy;
  if (run?.__typename !== 'Run' || !run.name || !run.project?.entity?.name)
    return [];
  return [
    {
      title: `Run ${run.displayName || run.name} in W&B`,
      url: `${facts.appUrl}/${encodeURIComponent(
        run.project.entity.name,
      )}/${encodeURIComponent(
        run.project.name ?? '',
      )}/runs/${encodeURIComponent(run.name)}`,
    },
  ];
}

function experimentTracking(facts: WandbCollectionFacts): CollectedEvidence {
  const where = `W&B ${facts.instance}`;
  const path = `${facts.registry}/${facts.collectionName}`;
  const fail = (
    message: string,
    links?: EvidenceLink[],
  ): CollectedEvidence => ({
    checkId: 'experiment-tracking',
    status: 'fail',
    message,
    ...(links ? { links } : {}),
  });
  if (!facts.registryExists) {
    return fail(
      `Registry "${facts.registry}" does not exist in organization "${facts.organization}" of ${where}`,
    );
  }
  const collectionLinks = [
    { title: `${path} in the W&B Registry`, url: registryUrl(facts) },
  ];
  if (!facts.collection) {
    return fail(
      `Collection "${facts.collectionName}" does not exist in registry "${facts.registry}" of ${where}`,
      [
        {
          title: `Registry ${facts.registry} in W&B`,
          url: registryUrl(facts).split('?')[0],
        },
      ],
    );
  }
  const judged = judgedVersion(facts);
  if (!judged) {
    return fail(
      `"${path}" has no linked version in ${where}; link the trained model to it (run.link_artifact)`,
      collectionLinks,
    );
  }
  const { membership, via } = judged;
  const artifact = membership.artifact!;
  const version = membership.versionIndex ?? undefined;
  const name = `"${path}" v${version ?? '?'} (${via})`;
  const links = [
    {
      title: `${path} v${version ?? '?'} in the W&B Registry`,
      url: registryUrl(facts, version),
    },
    ...runLink(facts, membership),
  ];
  const observedAt = toDate(artifact.updatedAt) ?? toDate(artifact.createdAt);
  if (artifact.state && artifact.state !== 'COMMITTED') {
    return {
      ...fail(`${name} is ${artifact.state}, not a committed version`, links),
      observedAt,
    };
  }
  const { metrics, from } = versionMetrics(membership);
  if (metrics.length === 0) {
    return {
      ...fail(
        `${name} has no metrics, in its metadata or in the summary of the run that logged it`,
        links,
      ),
      observedAt,
    };
  }
  const shown = metrics
    .slice(0, 3)
    .map(m => `${m.key}=${Number(m.value.toPrecision(3))}`)
    .join(', ');
  return {
    checkId: 'experiment-tracking',
    status: 'pass',
    message: `${name} carries ${metrics.length} metric${
      metrics.length === 1 ? '' : 's'
    } (${shown}) in its ${from}`,
    observedAt,
    links,
    details: {
      registry: facts.registry,
      collection: facts.collectionName,
      version: `v${version ?? '?'}`,
      via,
      metricsFrom: from ?? null,
      metrics: metrics.length,
    },
  };
}

const REMOVAL = /delet|remov|unassign/i;

function autoPromotion(facts: WandbCollectionFacts): CollectedEvidence {
  const alias = facts.productionAlias;
  const path = `${facts.registry}/${facts.collectionName}`;
  const fail = (
    message: string,
    links?: EvidenceLink[],
  ): CollectedEvidence => ({
    checkId: 'auto-promotion',
    status: 'fail',
    message,
    ...(links ? { links } : {}),
  });
  const production = facts.collection?.production;
  if (!facts.registryExists || !facts.collection || !production?.artifact) {
    return fail(
      `No version of "${path}" carries the ${alias} alias in W&B ${facts.instance}, so none was promoted`,
      facts.collection
        ? [{ title: `${path} in the W&B Registry`, url: registryUrl(facts) }]
        : undefined,
    );
  }
  const version = production.versionIndex ?? undefined;
  const links = [
    {
      title: `${path} v${version ?? '?'} in the W&B Registry`,
      url: registryUrl(facts, version),
    },
  ];
  const history = facts.aliasHistory ?? { actions: [], truncated: false };
  const move = history.actions
    .filter(
      a =>
        a.targetArtifact?.id === production.artifact!.id &&
        !REMOVAL.test(a.actionType ?? ''),
    )
    .sort(
      (a, b) =>
        (toDate(b.createdAt)?.getTime() ?? 0) -
        (toDate(a.createdAt)?.getTime() ?? 0),
    )[0];
  if (!move) {
    return fail(
      `W&B keeps no record of who set ${alias} on v${version ?? '?'}${
        history.truncated
          ? ` among the ${history.actions.length} moves it returned`
          : ''
      }; move the alias from the promotion job to record it`,
      links,
    );
  }
  const who = move.user?.username ?? undefined;
  const type = move.user?.accountType ?? undefined;
  const configured = who !== undefined && facts.automationUsers.includes(who);
  const at = toDate(move.createdAt);
  const details = {
    version: `v${version ?? '?'}`,
    alias,
    movedBy: who ?? null,
    accountType: type ?? null,
    movedAt: at?.toISOString() ?? null,
  };
  if (type === 'SERVICE' || configured) {
    return {
      checkId: 'auto-promotion',
      status: 'pass',
      message: `${alias} was set on v${version ?? '?'} by ${
        who ?? 'a service account'
      } (${configured ? 'a configured automation user' : 'a service account'})${
        at ? ` at ${at.toISOString()}` : ''
      }`,
      observedAt: at,
      links,
      details,
    };
  }
  return {
    ...fail(
      `${alias} was set on v${version ?? '?'} by ${
        who
          ? `${who}, a ${
              type === 'USER' ? "person's" : type ?? 'unknown'
            } account`
          : 'an account W&B did not record'
      }, not by an automation; promote from a job that signs in with a service account`,
      links,
    ),
    observedAt: at,
    details,
  };
}

/**
 * Evidence from one W&B Registry collection: experiment tracking (a committed linked version
 * with metrics) and, when the entity claims it, automatic promotion (a service account moved
 * the production alias onto that version). A pure function of what W&B answered.
 *
 * @internal
 */
export function wandbCollectionEvidence(
  facts: WandbCollectionFacts,
): CollectedEvidence[] {
  const evidence = [experimentTracking(facts)];
  if (facts.declaresAutoPromotion) evidence.push(autoPromotion(facts));
  return evidence;
}
