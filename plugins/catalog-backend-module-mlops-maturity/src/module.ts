import {
  coreServices,
  createBackendModule,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { MaturityLevelsClient } from '@mlops-maturity/plugin-mlops-maturity-node';
import { LevelLabelCache } from './labels/LevelLabelCache';
import { MlopsMaturityProcessor } from './processor/MlopsMaturityProcessor';

const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 1 },
  timeout: { minutes: 2 },
  initialDelay: { seconds: 15 },
};

/**
 * Catalog module that stamps MLOps maturity labels on assessed entities, so that the catalog
 * can be filtered by level (`metadata.labels.mlops-maturity.io/level`).
 *
 * @public
 */
export const catalogModuleMlopsMaturity = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'mlops-maturity-processor',
  register({ registerInit }) {
    registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        scheduler: coreServices.scheduler,
        logger: coreServices.logger,
      },
      async init({ catalog, config, discovery, auth, scheduler, logger }) {
        const levels = new LevelLabelCache({
          client: new MaturityLevelsClient({ discovery, auth }),
          logger,
        });
        const scheduleConfig = config.getOptionalConfig(
          'mlopsMaturity.catalogLabels.schedule',
        );
        await scheduler.scheduleTask({
          id: 'mlops-maturity-level-labels',
          // Every replica keeps its own copy of the levels.
          scope: 'local',
          ...(scheduleConfig
            ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
                scheduleConfig,
              )
            : DEFAULT_SCHEDULE),
          fn: signal => levels.refresh(signal),
        });
        catalog.addProcessor(new MlopsMaturityProcessor({ levels }));
      },
    });
  },
});
