import { createApiRef } from '@backstage/frontend-plugin-api';
import type { MlopsMaturityApi } from '@mlops-maturity/plugin-mlops-maturity-common';

/**
 * The API reference of {@link MlopsMaturityApi}.
 *
 * @public
 */
export const mlopsMaturityApiRef = createApiRef<MlopsMaturityApi>().with({
  id: 'plugin.mlops-maturity.client',
  pluginId: 'mlops-maturity',
});
