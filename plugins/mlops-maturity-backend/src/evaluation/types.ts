import type { Entity } from '@backstage/catalog-model';
import type {
  CheckStatus,
  EvidenceLink,
} from '@mlops-maturity/plugin-mlops-maturity-common';
import type { JsonObject } from '@backstage/types';

/**
 * What one source says about one check of one entity.
 *
 * @internal
 */
export interface Evidence {
  checkId: string;
  status: CheckStatus;
  message: string;
  /** `annotation`, `repository`, or a collector id such as `mlflow`. */
  source: string;
  links?: EvidenceLink[];
  observedAt?: Date;
  details?: JsonObject;
  /**
   * The source (`repository` or a tool kind), or sources, whose own evidence for the check
   * supersedes this evidence: an annotation's claim, or a file's mere existence.
   */
  verifiedBy?: string | readonly string[];
}

/**
 * What the previous assessment knew about a check, for keeping a verified pass through outages.
 *
 * @internal
 */
export interface PreviousCheck {
  status: CheckStatus;
  lastPassAt?: Date;
}

/**
 * The facts about an entity that the rubric evaluation needs besides evidence.
 *
 * @internal
 */
export interface EntityFacts {
  entity: Entity;
  /** How many ML services (selected entities) the entity's owner runs. */
  ownerServiceCount: number;
}
