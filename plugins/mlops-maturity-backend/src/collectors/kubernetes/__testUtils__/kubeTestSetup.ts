import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { mlService } from '../../../__testUtils__/assessments';
import { createTestEngine } from '../../../__testUtils__/createTestEngine';
import {
  KubernetesRolloutCollector,
  ROLLOUT_KINDS,
} from '../KubernetesRolloutCollector';
import { clusterObjects } from './kubeFixtures';
import { KubeReplay, KubeReplayOptions } from './KubeReplay';

// Shared setup of the rollout collectors' tests (KubernetesRolloutCollector.*.test.ts): the
// cluster config pointing at a replayed API server, entities that name its objects, and one
// assessment run through the engine.

export const TOKEN =
  'eyJhbGciOiJSUzI1NiIsImtpZCI6InJlcGxheSJ9.replayed-sa-token';
export const KEYS = {
  kserve: 'kserve.io/inference-service',
  argo: 'argoproj.io/rollout',
  seldon: 'seldon.io/experiment',
} as const;

/** A replayed cluster holding every scenario object. */
export function replay(options: Partial<KubeReplayOptions> = {}) {
  return new KubeReplay({
    token: TOKEN,
    resources: ROLLOUT_KINDS.map(k => k.resource),
    objects: clusterObjects(),
    ...options,
  }).start();
}

/** Backstage's `kubernetes` config with one serviceAccount cluster per URL given. */
export function kubernetesConfig(
  clusters: Array<{ name: string; url: string } & Record<string, unknown>>,
) {
  return {
    serviceLocatorMethod: { type: 'multiTenant' },
    clusterLocatorMethods: [
      {
        type: 'config',
        clusters: clusters.map(c => ({
          authProvider: 'serviceAccount',
          serviceAccountToken: TOKEN,
          ...c,
        })),
      },
    ],
  };
}

/** The three collectors reading the clusters, with the collector settings given. */
export function collectorsFor(
  clusters: Parameters<typeof kubernetesConfig>[0],
  settings: object = {},
  options: { inClusterToken?: string } = {},
) {
  return KubernetesRolloutCollector.fromConfig(
    new ConfigReader({
      kubernetes: kubernetesConfig(clusters),
      mlopsMaturity: { kubernetes: { timeoutMs: 2000, ...settings } },
    }),
    mockServices.logger.mock(),
    options,
  );
}

/** An ML service at level 2 whose A/B rollouts are named by the annotations given. */
export const rolloutService = (
  name: string,
  annotations: Record<string, string>,
) => mlService(name, { level: 2, annotations });

/**
 * Assesses the entities once with the collectors; check(name) reads that entity's
 * ab-testing check from the store.
 */
export async function assessRollouts(
  collectors: KubernetesRolloutCollector[],
  entities: Entity[],
) {
  const { engineFor, store } = await createTestEngine({
    collectors,
    clock: () => new Date(),
  });
  const run = await engineFor(entities).assessAll({ trigger: 'manual' });
  const check = async (name: string) =>
    (await store.getAssessment(`component:default/${name}`))!.checks.find(
      c => c.id === 'ab-testing',
    )!;
  return { run, check, store };
}

/** What the collector of the annotation's tool answers for one reference, outside any engine. */
export async function evidenceOf(
  collectors: KubernetesRolloutCollector[],
  key: (typeof KEYS)[keyof typeof KEYS],
  id: string,
) {
  const tool = (Object.keys(KEYS) as Array<keyof typeof KEYS>).find(
    k => KEYS[k] === key,
  )!;
  const collector = collectors.find(c => c.id === tool)!;
  const answer = await collector.collect(
    [
      {
        entityRef: 'component:default/churn',
        facts: {},
        references: [
          { checkId: 'ab-testing', annotation: key, tool, instance: '', id },
        ],
      },
    ],
    { runId: `run-${Math.random()}`, checks: ['ab-testing'] },
  );
  return answer.get('component:default/churn')!;
}
