import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import {
  CatalogFilterBlueprint,
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import type { FilterPredicate } from '@backstage/filter-predicates';
import TrendingUpIcon from '@material-ui/icons/TrendingUp';
import {
  ML_SERVICE_TAG,
  MlopsMaturityClient,
} from '@mlops-maturity/plugin-mlops-maturity-common';
import { mlopsMaturityApiRef } from './api/MlopsMaturityApi';
import { rootRouteRef } from './routes';

export { catalogMlopsLevelColumnModule } from './catalog/catalogMlopsLevelColumnModule';

/**
 * Entities the selector scores carry the level label the catalog module stamps; ML services
 * tagged `ml-service` (the default selector) get the tab before their first assessment too.
 * Apps with another selector override this in `app.extensions`.
 */
const scoredEntities: FilterPredicate = {
  $any: [
    { 'metadata.labels.mlops-maturity.io/level': { $exists: true } },
    { 'metadata.tags': { $contains: ML_SERVICE_TAG } },
  ],
};

/**
 * The client of the MLOps maturity backend.
 *
 * @alpha
 */
export const mlopsMaturityApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: mlopsMaturityApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new MlopsMaturityClient({ discoveryApi, fetchApi }),
    }),
});

/**
 * The org-wide scorecard page, at `/mlops-maturity`, in the sidebar.
 *
 * @alpha
 */
export const mlopsMaturityPage = PageBlueprint.make({
  params: {
    path: '/mlops-maturity',
    title: 'MLOps maturity',
    icon: <TrendingUpIcon fontSize="inherit" />,
    // The page renders its own core-components header, as it does in legacy apps.
    noHeader: true,
    routeRef: rootRouteRef,
    loader: () =>
      import('./components/ScorecardPage').then(m => <m.ScorecardPage />),
  },
});

/**
 * The "MLOps maturity" tab of an ML service.
 *
 * @alpha
 */
export const mlopsMaturityEntityContent = EntityContentBlueprint.make({
  params: {
    path: 'mlops-maturity',
    title: 'MLOps maturity',
    filter: scoredEntities,
    loader: () =>
      import('./components/EntityMaturityContent').then(m => (
        <m.EntityMaturityContent />
      )),
  },
});

/**
 * The overview card of an ML service: level, target and top blocker.
 *
 * @alpha
 */
export const mlopsMaturityEntityCard = EntityCardBlueprint.make({
  name: 'summary',
  params: {
    type: 'info',
    filter: scoredEntities,
    loader: () =>
      import('./components/EntityMaturityCard').then(m => (
        <m.EntityMaturityCard />
      )),
  },
});

/**
 * The card of a group's page: the level distribution of the ML services it owns, the share at
 * their target and the top blockers, linking to the scorecard filtered by the group.
 *
 * @alpha
 */
export const mlopsMaturityGroupEntityCard = EntityCardBlueprint.make({
  name: 'group',
  params: {
    filter: { kind: 'group' },
    loader: () =>
      import('./components/EntityGroupMaturityCard').then(m => (
        <m.EntityGroupMaturityCard />
      )),
  },
});

/**
 * The "MLOps level" filter of the catalog index page.
 *
 * @alpha
 */
export const mlopsMaturityCatalogFilter = CatalogFilterBlueprint.make({
  name: 'level',
  params: {
    loader: () =>
      import('./filters/MlopsLevelPicker').then(m => <m.MlopsLevelPicker />),
  },
});

/**
 * The MLOps maturity frontend plugin for the new frontend system.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'mlops-maturity',
  title: 'MLOps maturity',
  icon: <TrendingUpIcon fontSize="inherit" />,
  info: { packageJson: () => import('../package.json') },
  routes: { root: rootRouteRef },
  extensions: [
    mlopsMaturityApi,
    mlopsMaturityPage,
    mlopsMaturityEntityContent,
    mlopsMaturityEntityCard,
    mlopsMaturityGroupEntityCard,
    mlopsMaturityCatalogFilter,
  ],
});
