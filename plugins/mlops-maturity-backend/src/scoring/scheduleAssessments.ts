import type {
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import type { AssessmentEngine } from './AssessmentEngine';

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
}): Promise<void> {
  await options.scheduler.scheduleTask({
    id: ASSESSMENT_TASK_ID,
    ...options.schedule,
    scope: 'global',
    fn: async signal => {
      await options.engine.assessAll({ signal, trigger: 'schedule' });
    },
  });
}
