import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { mlopsMaturityEvidenceExtensionPoint } from '@mlops-maturity/plugin-mlops-maturity-node';
import { CollectorRegistry } from './evidence/CollectorRegistry';
import { createRouter } from './service/router';

/**
 * The MLOps maturity backend plugin: assesses ML services and serves their maturity.
 *
 * @public
 */
export const mlopsMaturityPlugin = createBackendPlugin({
  pluginId: 'mlops-maturity',
  register(env) {
    const collectors = new CollectorRegistry();
    env.registerExtensionPoint(mlopsMaturityEvidenceExtensionPoint, collectors);

    env.registerInit({
      deps: {
        httpRouter: coreServices.httpRouter,
      },
      async init({ httpRouter }) {
        httpRouter.use(await createRouter());
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
