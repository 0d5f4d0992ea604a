import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { mlopsMaturityPermissions } from '@mlops-maturity/plugin-mlops-maturity-common';
import { mlopsMaturityEvidenceExtensionPoint } from '@mlops-maturity/plugin-mlops-maturity-node';
import { builtInCollectors } from './collectors/builtInCollectors';
import { readMaturityConfig } from './config/readMaturityConfig';
import { AssessmentEngine } from './engine/AssessmentEngine';
import { CatalogReader } from './engine/CatalogReader';
import { CollectorRegistry } from './engine/CollectorRegistry';
import { EvidenceGatherer } from './engine/EvidenceGatherer';
import { scheduleAssessments } from './engine/scheduleAssessments';
import { LevelChangeNotifier } from './notifications/LevelChangeNotifier';
import { DatabaseMaturityStore } from './store/DatabaseMaturityStore';
import { withStartupLock } from './store/startupLock';
import { registerMaturityActions } from './actions/registerMaturityActions';
import { EntityVisibility } from './service/EntityVisibility';
import { EntityAssessments } from './service/EntityAssessments';
import { EntityWaivers } from './service/EntityWaivers';
import { MaturityAccess } from './service/MaturityAccess';
import { retryingPermissions } from './service/retryingPermissions';
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
        lifecycle: coreServices.lifecycle,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        urlReader: coreServices.urlReader,
        catalog: catalogServiceRef,
        actionsRegistry: actionsRegistryServiceRef,
        notifications: notificationService,
      },
      async init(deps) {
        const config = readMaturityConfig(deps.config);
        collectors.addCollector(
          ...builtInCollectors({
            config: deps.config,
            logger: deps.logger,
            urlReader: deps.urlReader,
          }),
        );
        deps.permissionsRegistry.addPermissions(mlopsMaturityPermissions);
        // Its migrations, like the scheduler's, must not race other replicas' on a new database.
        const store = await withStartupLock(deps.database, () =>
          DatabaseMaturityStore.create({
            database: deps.database,
            notifyLevelChanges: config.notifications.enabled,
            rubric: config.rubric,
          }),
        );
        const notifier = config.notifications.enabled
          ? new LevelChangeNotifier({
              outbox: store.outbox,
              notifications: deps.notifications,
              rubric: config.rubric,
              logger: deps.logger,
            })
          : undefined;
        if (notifier) deps.lifecycle.addShutdownHook(() => notifier.stop());
        const engine = new AssessmentEngine({
          catalog: new CatalogReader({
            catalog: deps.catalog,
            auth: deps.auth,
            selector: config.selector,
          }),
          store,
          evidence: new EvidenceGatherer({
            collectors: () => collectors.list(),
            rubric: config.rubric,
            logger: deps.logger,
          }),
          config,
          logger: deps.logger,
          history: notifier,
        });
        await scheduleAssessments({
          scheduler: deps.scheduler,
          schedule: config.schedule,
          engine,
          database: deps.database,
          logger: deps.logger,
        });
        const permissions = retryingPermissions(deps.permissions);
        const access = new MaturityAccess({
          permissions,
          visibility: new EntityVisibility({
            permissions,
            catalog: deps.catalog,
            selector: config.selector,
          }),
        });
        const assessments = new EntityAssessments({ access, store, engine });
        deps.httpRouter.use(
          await createRouter({
            httpAuth: deps.httpAuth,
            access,
            assessments,
            waivers: new EntityWaivers({
              access,
              store,
              assessments,
              rubric: config.rubric,
              logger: deps.logger,
            }),
            store,
            rubric: config.rubric,
            logger: deps.logger,
          }),
        );
        registerMaturityActions({
          actionsRegistry: deps.actionsRegistry,
          access,
          assessments,
          store,
        });
        deps.httpRouter.addAuthPolicy({
          path: '/health',
          allow: 'unauthenticated',
        });
      },
    });
  },
});
