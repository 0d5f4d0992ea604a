import { createBackendModule } from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { MlopsMaturityProcessor } from './processor/MlopsMaturityProcessor';

/**
 * Catalog module that stamps MLOps maturity labels on assessed entities.
 *
 * @public
 */
export const catalogModuleMlopsMaturity = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'mlops-maturity-processor',
  register({ registerInit }) {
    registerInit({
      deps: { catalog: catalogProcessingExtensionPoint },
      async init({ catalog }) {
        catalog.addProcessor(new MlopsMaturityProcessor());
      },
    });
  },
});
