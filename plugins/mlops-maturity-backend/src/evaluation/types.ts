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
  /** For an annotation's claim: the sources whose answer for the check replaces the claim. */
  verifiedBy?: readonly string[];
}
