import type { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  mlopsMaturity?: {
    /** The catalog module that stamps `mlops-maturity.io/level` labels. */
    catalogLabels?: {
      /**
       * How often each backend replica re-reads the levels from the MLOps maturity backend;
       * default every minute, first after 15 seconds.
       */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    };
  };
}
