import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type { EvidenceCollector } from './types';

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
