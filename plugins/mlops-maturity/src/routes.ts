import { createRouteRef } from '@backstage/core-plugin-api';

/**
 * The scorecard page. A route ref of core-plugin-api is also a route ref of the new frontend
 * system, so one ref serves both.
 *
 * @public
 */
export const rootRouteRef = createRouteRef({ id: 'mlops-maturity' });
