// The estate the benchmark (bench.test.ts) starts the plugin with: 10,000 synthetic ML services
// in the test catalog, a simulated URL reader and a scheduler that hands over its tasks.
import {
  coreServices,
  createServiceFactory,
  SchedulerService,
  SchedulerServiceTaskFunction,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { NotFoundError, NotImplementedError } from '@backstage/errors';
import { mlService } from '../../__testUtils__/assessments';

export const ENTITIES = 10_000;
export const GROUPS = 200;
export const SYSTEMS = 20;

export const serviceName = (i: number) => `svc-${String(i).padStart(5, '0')}`;

/** 10,000 ML services over 200 owners, 20 systems and levels 0–4, and the 20 systems. */
export function syntheticCatalog(): Entity[] {
  const entities: Entity[] = [];
  for (let i = 0; i < ENTITIES; i++) {
    entities.push(
      mlService(serviceName(i), {
        level: i % 5,
        owner: `group:default/team-${i % GROUPS}`,
        system: `system-${i % SYSTEMS}`,
        // Every fourth service has a repository, so repository evidence is read for it.
        annotations:
          i % 4 === 0
            ? {
                'backstage.io/source-location': `url:https://github.com/acme/repo-${i}/tree/main/`,
              }
            : {},
      }),
    );
  }
  for (let s = 0; s < SYSTEMS; s++) {
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'System',
      metadata: { name: `system-${s}`, namespace: 'default' },
      spec: { owner: `group:default/team-${s}`, domain: `domain-${s % 4}` },
    });
  }
  return entities;
}

/**
 * The real GitHub is unreachable from this environment, so the URL reader is simulated: a read
 * of a file ending in train.py succeeds after about 2 ms, as a fast SCM answer would; any other
 * file is not found. This exercises the plugin's reading, caching and concurrency limit without
 * the network.
 */
export const simulatedUrlReader = createServiceFactory({
  service: coreServices.urlReader,
  deps: {},
  factory: (): UrlReaderService => ({
    async readUrl(url) {
      if (!url.endsWith('train.py'))
        throw new NotFoundError(`${url} not found`);
      await new Promise(resolve => setTimeout(resolve, 2));
      const body = Buffer.from('print("train")\n');
      return { buffer: async () => body };
    },
    async readTree() {
      throw new NotImplementedError('readTree is not simulated');
    },
    async search() {
      throw new NotImplementedError('search is not simulated');
    },
  }),
});

/**
 * The test backend's mock scheduler has no HTTP trigger endpoint, so this wraps it and keeps
 * the function of each scheduled task, for the benchmark to call and time directly. The wrapped
 * mock never runs tasks by itself (its start-up trigger only exists on its own factory).
 */
export function capturingScheduler() {
  const tasks = new Map<string, SchedulerServiceTaskFunction>();
  const inner = mockServices.scheduler();
  const scheduler: SchedulerService = {
    scheduleTask: async task => {
      tasks.set(task.id, task.fn);
      await inner.scheduleTask(task);
    },
    createScheduledTaskRunner: schedule => ({
      run: task => scheduler.scheduleTask({ ...task, ...schedule }),
    }),
    getScheduledTasks: () => inner.getScheduledTasks(),
    triggerTask: id => inner.triggerTask(id),
    cancelTask: id => inner.cancelTask(id),
  };
  const factory = createServiceFactory({
    service: coreServices.scheduler,
    deps: {},
    factory: () => scheduler,
  });
  return { tasks, factory };
}
