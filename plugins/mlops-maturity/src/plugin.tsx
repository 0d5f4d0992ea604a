import {
  createFrontendPlugin,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import TrendingUpIcon from '@material-ui/icons/TrendingUp';
import { rootRouteRef } from './routes';

/**
 * The org-wide MLOps maturity page, at `/mlops-maturity`.
 *
 * @public
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
 * The MLOps maturity frontend plugin for the new frontend system.
 *
 * @public
 */
export const mlopsMaturityPlugin = createFrontendPlugin({
  pluginId: 'mlops-maturity',
  info: { packageJson: () => import('../package.json') },
  extensions: [mlopsMaturityPage],
  routes: {
    root: rootRouteRef,
  },
});
