import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { MlopsMaturityClient } from '@mlops-maturity/plugin-mlops-maturity-common';
import { mlopsMaturityApiRef } from './api/MlopsMaturityApi';
import { rootRouteRef } from './routes';

/**
 * The MLOps maturity plugin for apps on the old frontend system.
 *
 * @public
 */
export const mlopsMaturityPlugin = createPlugin({
  id: 'mlops-maturity',
  apis: [
    createApiFactory({
      api: mlopsMaturityApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new MlopsMaturityClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: { root: rootRouteRef },
});

/**
 * The org-wide scorecard page; mount it at `/mlops-maturity`.
 *
 * @public
 */
export const MlopsMaturityPage = mlopsMaturityPlugin.provide(
  createRoutableExtension({
    name: 'MlopsMaturityPage',
    component: () =>
      import('./components/ScorecardPage').then(m => m.ScorecardPage),
    mountPoint: rootRouteRef,
  }),
);

/**
 * The "MLOps maturity" tab content for the entity page.
 *
 * @public
 */
export const EntityMlopsMaturityContent = mlopsMaturityPlugin.provide(
  createComponentExtension({
    name: 'EntityMlopsMaturityContent',
    component: {
      lazy: () =>
        import('./components/EntityMaturityContent').then(
          m => m.EntityMaturityContent,
        ),
    },
  }),
);

/**
 * The overview card for the entity page.
 *
 * @public
 */
export const EntityMlopsMaturityCard = mlopsMaturityPlugin.provide(
  createComponentExtension({
    name: 'EntityMlopsMaturityCard',
    component: {
      lazy: () =>
        import('./components/EntityMaturityCard').then(
          m => m.EntityMaturityCard,
        ),
    },
  }),
);

/**
 * The card of a group's entity page: the level distribution of the ML services the group owns,
 * the share at their target and the top blockers, linking to the scorecard filtered by the group.
 *
 * @public
 */
export const EntityGroupMaturityCard = mlopsMaturityPlugin.provide(
  createComponentExtension({
    name: 'EntityGroupMaturityCard',
    component: {
      lazy: () =>
        import('./components/EntityGroupMaturityCard').then(
          m => m.EntityGroupMaturityCard,
        ),
    },
  }),
);

/**
 * The "MLOps level" picker for the catalog index page's filters.
 *
 * @public
 */
export const MlopsLevelPicker = mlopsMaturityPlugin.provide(
  createComponentExtension({
    name: 'MlopsLevelPicker',
    component: {
      lazy: () =>
        import('./filters/MlopsLevelPicker').then(m => m.MlopsLevelPicker),
    },
  }),
);
