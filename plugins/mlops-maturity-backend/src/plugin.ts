import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { ScmIntegrations } from '@backstage/integration';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { mlopsMaturityPermissions } from '@mlops-maturity/plugin-mlops-maturity-common';
import { mlopsMaturityEvidenceExtensionPoint } from '@mlops-maturity/plugin-mlops-maturity-node';
import { AirflowCollector } from './collectors/airflow/AirflowCollector';
import { GithubCollector } from './collectors/github/GithubCollector';
import { MlflowCollector } from './collectors/mlflow/MlflowCollector';
import { readMaturityConfig } from './config/readMaturityConfig';
import { DatabaseMaturityStore } from './database/DatabaseMaturityStore';
import { CollectorRegistry } from './evidence/CollectorRegistry';
import { RepositoryEvidence } from './evidence/RepositoryEvidence';
import { AssessmentEngine } from './scoring/AssessmentEngine';
import { scheduleAssessments } from './scoring/scheduleAssessments';
import { EntityVisibility } from './service/EntityVisibility';
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
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        urlReader: coreServices.urlReader,
        catalog: catalogServiceRef,
      },
      async init(deps) {
        const config = readMaturityConfig(deps.config);
        for (const builtIn of [
          MlflowCollector.fromConfig(deps.config, deps.logger),
          AirflowCollector.fromConfig(deps.config, deps.logger),
          GithubCollector.fromConfig(deps.config, deps.logger),
        ]) {
          if (builtIn) collectors.addCollector(builtIn);
        }
        deps.permissionsRegistry.addPermissions(mlopsMaturityPermissions);
        const store = await DatabaseMaturityStore.create({
          database: deps.database,
        });
        const engine = new AssessmentEngine({
          catalog: deps.catalog,
          auth: deps.auth,
          store,
          collectors: () => collectors.list(),
          repository: new RepositoryEvidence({
            urlReader: deps.urlReader,
            integrations: ScmIntegrations.fromConfig(deps.config),
            logger: deps.logger,
          }),
          config,
          logger: deps.logger,
        });
        await scheduleAssessments({
          scheduler: deps.scheduler,
          schedule: config.schedule,
          engine,
          logger: deps.logger,
        });
        deps.httpRouter.use(
          await createRouter({
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            store,
            engine,
            visibility: new EntityVisibility({
              permissions: deps.permissions,
              catalog: deps.catalog,
              selector: config.selector,
            }),
            rubric: config.rubric,
            logger: deps.logger,
          }),
        );
        deps.httpRouter.addAuthPolicy({
          path: '/health',
          allow: 'unauthenticated',
        });
      },
    });
  },
});
