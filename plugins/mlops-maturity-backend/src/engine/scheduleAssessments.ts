import type {
  DatabaseService,
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import type { AssessmentEngine } from './AssessmentEngine';
import { withStartupLock } from '../store/startupLock';

/** The scheduler task id, also usable with the scheduler's trigger endpoint. */
export const ASSESSMENT_TASK_ID = 'mlops-maturity-assess';

/**
 * Schedules the assessment run. Global scope: with several replicas on one database, each
 * tick runs on one of them.
 *
 * @internal
 */
export async function scheduleAssessments(options: {
  scheduler: SchedulerService;
  schedule: SchedulerServiceTaskScheduleDefinition;
  engine: AssessmentEngine;
  logger: LoggerService;
  /** The plugin's database, where the scheduler keeps its tasks. */
  database: DatabaseService;
}): Promise<void> {
  // The first global scheduleTask runs the scheduler's migrations on this database, which
  // fail when replicas starting together run them at once.
  await withStartupLock(options.database, () =>
    options.scheduler.scheduleTask({
      id: ASSESSMENT_TASK_ID,
      ...options.schedule,
      scope: 'global',
      fn: async signal => {
        await options.engine.assessAll({ signal, trigger: 'schedule' });
      },
    }),
  );
}
