import {
  BackstageCredentials,
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  actionsRegistryServiceFactory,
  actionsServiceFactory,
} from '@backstage/backend-defaults/alpha';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { InMemoryCatalogClient } from '@backstage/catalog-client/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import notificationsPlugin from '@backstage/plugin-notifications-backend';
import {
  DefaultNotificationService,
  notificationService,
} from '@backstage/plugin-notifications-node';
import type { Knex } from 'knex';
import request from 'supertest';
import { mlopsMaturityModuleGithubCollector } from '../modules/githubCollectorModule';
import { mlopsMaturityModuleKubernetesCollector } from '../modules/kubernetesCollectorModule';
import { mlopsMaturityPlugin } from '../plugin';

/** Annotation that hides an entity from the named user in the test catalog. */
export const HIDDEN_FROM = 'test.mlops-maturity.io/hidden-from';

/**
 * A permission policy that allows every permission, and lets the catalog show the caller only
 * the entities that `owner` owns (a conditional decision, as a real catalog policy makes).
 */
export function ownerOnlyCatalogPolicy(owner = 'group:default/team-a') {
  return mockServices.permissions.mock({
    authorize: async requests =>
      requests.map(() => ({ result: AuthorizeResult.ALLOW })),
    authorizeConditional: async requests =>
      requests.map(() => ({
        result: AuthorizeResult.CONDITIONAL,
        pluginId: 'catalog',
        resourceType: 'catalog-entity',
        conditions: {
          rule: 'IS_ENTITY_OWNER',
          resourceType: 'catalog-entity',
          params: { claims: [owner] },
        },
      })) as any,
  });
}

/**
 * The in-memory catalog of backend-test-utils, except that it honours the caller: an entity
 * annotated `test.mlops-maturity.io/hidden-from: <userEntityRef>` is invisible to that user,
 * as a catalog permission rule would make it.
 */
class PermissionedCatalog extends InMemoryCatalogClient {
  readonly #hidden: Map<string, string>;

  constructor(entities: Entity[]) {
    super({ entities });
    this.#hidden = new Map(
      entities
        .filter(e => e.metadata.annotations?.[HIDDEN_FROM])
        .map(e => [e.metadata.name, e.metadata.annotations![HIDDEN_FROM]]),
    );
  }

  #visible(entity: Entity | undefined, options?: any): boolean {
    const credentials = options?.credentials as
      | BackstageCredentials
      | undefined;
    const user = (credentials?.principal as any)?.userEntityRef;
    return (
      !!entity && !(user && this.#hidden.get(entity.metadata.name) === user)
    );
  }

  async getEntityByRef(ref: any, options?: any) {
    const entity = await super.getEntityByRef(ref);
    return this.#visible(entity, options) ? entity : undefined;
  }

  async *streamEntities(query?: any, options?: any) {
    for await (const page of super.streamEntities(query)) {
      yield page.filter(e => this.#visible(e, options));
    }
  }
}

/** Starts a backend with the plugin, a test catalog and, optionally, a given database. */
export async function startMaturityBackend(options: {
  entities: Entity[];
  config?: Record<string, unknown>;
  /** Config beside `mlopsMaturity`, such as `integrations`. */
  rootConfig?: Record<string, unknown>;
  knex?: Knex;
  permissions?: ReturnType<typeof mockServices.permissions.mock>;
  /** Use Backstage's real scheduler (with its database lock) instead of a captured task. */
  realScheduler?: boolean;
  /** Use Backstage's real actions registry, served under the plugin's `/.backstage/actions`. */
  realActions?: boolean;
  /**
   * Start Backstage's notifications backend too, on this database of its own (with `knex`; a
   * database holds one plugin's migrations), so that the plugin's notifications reach it.
   */
  notificationsKnex?: Knex;
  /**
   * Where the plugin's notification client sends, asked at each send, instead of the
   * notifications backend's URL: e.g. a FaultProxy in front of it.
   */
  notificationsBaseUrl?: () => string;
}) {
  const tasks = new Map<string, (signal: AbortSignal) => Promise<void>>();
  const scheduler = {
    scheduleTask: async (task: any) => {
      tasks.set(task.id, task.fn);
    },
    createScheduledTaskRunner: () => ({ run: async () => {} }),
    triggerTask: async () => {},
    getScheduledTasks: async () => [],
  };
  const features: any[] = [
    mlopsMaturityPlugin,
    mlopsMaturityModuleGithubCollector,
    mlopsMaturityModuleKubernetesCollector,
    createServiceFactory({
      service: catalogServiceRef,
      deps: {},
      factory: () => new PermissionedCatalog(options.entities) as any,
    }),
    mockServices.rootConfig.factory({
      data: {
        // The notifications backend validates links against the app's URL.
        ...(options.notificationsKnex
          ? { app: { baseUrl: 'http://localhost:3000' } }
          : {}),
        ...options.rootConfig,
        mlopsMaturity: {
          schedule: {
            frequency: { trigger: 'manual' },
            timeout: { minutes: 5 },
          },
          ...(options.config ?? {}),
        },
      },
    }),
    options.realScheduler
      ? schedulerServiceFactory
      : createServiceFactory({
          service: coreServices.scheduler,
          deps: {},
          factory: () => scheduler as any,
        }),
  ];
  const { knex, notificationsKnex } = options;
  if (knex) {
    features.push(
      createServiceFactory({
        service: coreServices.database,
        deps: { plugin: coreServices.pluginMetadata },
        factory: ({ plugin }) =>
          mockServices.database({
            knex:
              plugin.getId() === 'notifications' && notificationsKnex
                ? notificationsKnex
                : knex,
            migrations: { skip: false },
          }),
      }),
    );
  }
  if (notificationsKnex) features.push(notificationsPlugin);
  const notificationsBaseUrl = options.notificationsBaseUrl;
  if (notificationsBaseUrl) {
    const discovery = {
      getBaseUrl: async () => notificationsBaseUrl(),
      getExternalBaseUrl: async () => notificationsBaseUrl(),
    };
    features.push(
      createServiceFactory({
        service: notificationService,
        deps: { auth: coreServices.auth },
        factory: ({ auth }) =>
          DefaultNotificationService.create({ auth, discovery }),
      }),
    );
  }
  if (options.permissions) features.push(options.permissions.factory);
  if (options.realActions) {
    features.push(actionsRegistryServiceFactory, actionsServiceFactory);
  }
  const backend = await startTestBackend({ features });
  const server = backend.server;
  /** Runs the scheduled assessment task as the scheduler would. */
  async function runAssessment() {
    const fn = tasks.get('mlops-maturity-assess');
    if (!fn) throw new Error('the assessment task was not scheduled');
    await fn(new AbortController().signal);
    const runs = (await request(server).get('/api/mlops-maturity/v1/runs')).body
      .items;
    return runs?.[0];
  }
  return { server, backend, runAssessment };
}
