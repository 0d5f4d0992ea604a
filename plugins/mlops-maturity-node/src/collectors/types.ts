import type {
  CheckStatus,
  EvidenceLink,
} from '@mlops-maturity/plugin-mlops-maturity-common';
import type { JsonObject } from '@backstage/types';

/**
 * What a collector found for one check of one entity.
 *
 * @public
 */
export interface CollectedEvidence {
  /** The rubric check this evidence speaks to, e.g. `experiment-tracking`. */
  checkId: string;
  status: Extract<CheckStatus, 'pass' | 'fail' | 'unknown' | 'invalid'>;
  /** One line a service owner can act on. */
  message: string;
  /** When the tool last saw the thing proven; drives freshness windows. */
  observedAt?: Date;
  links?: EvidenceLink[];
  /** Small, secret-free facts shown with the check. */
  details?: JsonObject;
}

/**
 * A valid reference from an entity's annotation to an object in a configured tool instance,
 * such as MLflow instance `prod`, registered model `churn`.
 *
 * @public
 */
export interface ToolReference {
  /** The check the annotation is evidence for. */
  checkId: string;
  annotation: string;
  /** The tool kind, e.g. `mlflow`. */
  tool: string;
  /** A configured instance name; empty when no instance of the kind is configured. */
  instance: string;
  id: string;
}

/**
 * How often a model is retrained, from `mlops-maturity.io/retrain-cadence`.
 *
 * @public
 */
export type RetrainCadence =
  | { kind: 'on-drift' }
  | { kind: 'period'; days: number; label: string };

/**
 * What an entity's annotations say beyond its tool references, parsed and validated, so that
 * collectors never read raw annotations.
 *
 * @public
 */
export interface EntityFacts {
  /** `backstage.io/source-location` as an http(s) URL, without the `url:` prefix. */
  sourceLocation?: string;
  /** `backstage.io/managed-by-location` as an http(s) URL, without the `url:` prefix. */
  managedByLocation?: string;
  /** `github.com/project-slug`, when it is `owner/repository`. */
  githubSlug?: string;
  retrainCadence?: RetrainCadence;
  /** `mlops-maturity.io/promotion`. */
  promotion?: 'automatic' | 'manual';
}

/**
 * One entity to collect evidence for, with its references to this collector's tool.
 *
 * @public
 */
export interface EvidenceRequest {
  /** The lower-cased entity ref, the key of the result map. */
  entityRef: string;
  facts: EntityFacts;
  references: ToolReference[];
}

/**
 * Options of one {@link EvidenceCollector.collect} call.
 *
 * @public
 */
export interface CollectOptions {
  signal?: AbortSignal;
  /**
   * The same for every batch of one assessment run, so that a collector can list a tool once
   * per run and reuse the listing for every batch.
   */
  runId: string;
  /**
   * The rubric's checks that this collector's source verifies. A reference the tool could not
   * be asked about is reported `unknown` for each of them, so that every result it proved or
   * disproved before is kept through the outage.
   */
  checks: readonly string[];
}

/**
 * A source of live evidence for one tool kind with its configured instances.
 *
 * @public
 */
export interface EvidenceCollector {
  /** The tool kind it verifies, e.g. `mlflow`; references of this kind are routed to it. */
  readonly id: string;
  /**
   * Collects evidence for a batch of entities, so that a collector can list a tool once per
   * batch instead of asking per entity. Returns evidence by entity ref; a tool that cannot be
   * asked gives `unknown` with the reason, for every check in `options.checks`, rather than
   * throwing ({@link collectPerReference} does that).
   */
  collect(
    requests: readonly EvidenceRequest[],
    options: CollectOptions,
  ): Promise<Map<string, CollectedEvidence[]>>;
  /**
   * Optional. Called once when a scheduled run starts, before the catalog is read, with the
   * `runId` and `signal` its batches will get: a collector may start reading what every batch
   * needs (a tool's listing), so that the tool answers while the catalog is read. It must not
   * throw: what it starts is awaited, and fails, in the batches that need it.
   */
  prepare?(options: RunOptions): void;
}

/**
 * What {@link EvidenceCollector.prepare} is told of the run that starts.
 *
 * @public
 */
export type RunOptions = Pick<CollectOptions, 'runId' | 'signal'>;
