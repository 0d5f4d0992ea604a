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
 * A source of live evidence, such as a tool kind (MLflow, Airflow) with its configured instances.
 *
 * @public
 */
export interface EvidenceCollector {
  /** A stable id, e.g. `mlflow`. */
  readonly id: string;
  /** The check ids this collector can speak to. */
  readonly checkIds: readonly string[];
  /**
   * Collects evidence for a batch of entities. Called once per batch so that a collector can
   * list a tool once instead of asking per entity. Entities it has nothing to say about are
   * left out of the result.
   */
  collect(
    entities: readonly Entity[],
    options: { signal?: AbortSignal },
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
