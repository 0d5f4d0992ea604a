import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
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
 * One entity to collect evidence for, with its references to this collector's tool.
 *
 * @public
 */
export interface EvidenceRequest {
  /** The lower-cased entity ref, the key of the result map. */
  entityRef: string;
  entity: Entity;
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
   * asked gives `unknown` with the reason rather than throwing.
   */
  collect(
    requests: readonly EvidenceRequest[],
    options: CollectOptions,
  ): Promise<Map<string, CollectedEvidence[]>>;
}

/**
 * Lets modules add evidence collectors to the MLOps maturity backend.
 *
 * @public
 */
export interface MlopsMaturityEvidenceExtensionPoint {
  addCollector(...collectors: EvidenceCollector[]): void;
}

/**
 * The extension point through which evidence collectors plug in.
 *
 * @public
 */
export const mlopsMaturityEvidenceExtensionPoint =
  createExtensionPoint<MlopsMaturityEvidenceExtensionPoint>({
    id: 'mlops-maturity.evidence',
  });
