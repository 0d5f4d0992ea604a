import fs from 'node:fs';
import path from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { mlService } from '../../../__testUtils__/assessments';
import { createTestEngine } from '../../../__testUtils__/createTestEngine';
import { WandbCollector } from '../WandbCollector';
import { GraphqlReply, WandbReplay } from './WandbReplay';

// Shared setup of the W&B collector's tests: the fixture answers, the scenario variants derived
// from them, the collector's configuration and the entities that name a registry collection.
// __fixtures__/README.md names each fixture's sources and every change made for a scenario.

export const API_KEY = 'wandb-replay-test-key-never-shown-0123456789';
/** A week after the production version v3 was linked (2026-10-28) and moved (2026-10-29). */
export const WEEK_AFTER = new Date('2026-11-05T00:00:00Z');
export const ORG = 'acme';

const FIXTURES = path.resolve(__dirname, '../__fixtures__');
const fixture = (file: string) =>
  JSON.parse(fs.readFileSync(path.join(FIXTURES, file), 'utf8'));

/** A fixture answer with a change for a scenario (each listed in the README). */
function edited(file: string, edit: (body: any) => void): GraphqlReply {
  const body = fixture(file);
  edit(body);
  return { body };
}

export const rec = {
  registries: { body: fixture('registries.json') },
  collection: { body: fixture('churn-classifier.json') },
  history: { body: fixture('alias-history.json') },
};

const collection = (body: any) => body.data.project.artifactCollection;

/** The scenario variants listed in __fixtures__/README.md. */
export const variant = {
  missingCollection: edited('churn-classifier.json', body => {
    body.data.project.artifactCollection = null;
  }),
  noVersion: edited('churn-classifier.json', body => {
    collection(body).production = null;
    collection(body).latest = null;
  }),
  noProductionAlias: edited('churn-classifier.json', body => {
    collection(body).production = null;
  }),
  noMetrics: edited('churn-classifier.json', body => {
    const artifact = collection(body).production.artifact;
    artifact.metadata = '{"framework": "xgboost"}';
    artifact.createdBy.summaryMetrics = '{"_runtime": 412.6, "_step": 20}';
  }),
  metricsOnlyInRun: edited('churn-classifier.json', body => {
    collection(body).production.artifact.metadata = '{"framework": "xgboost"}';
  }),
  pending: edited('churn-classifier.json', body => {
    collection(body).production.artifact.state = 'PENDING';
  }),
  movedByPerson: edited('alias-history.json', body => {
    body.data.artifactCollection.aliasActionHistory.edges[0].node.user = {
      username: 'bob',
      accountType: 'USER',
    };
  }),
  noRecordedMove: edited('alias-history.json', body => {
    body.data.artifactCollection.aliasActionHistory.edges.splice(0, 1);
  }),
  registriesFirstPage: edited('registries.json', body => {
    const projects = body.data.organization.orgEntity.projects;
    projects.edges = projects.edges.slice(1);
    projects.pageInfo.hasNextPage = true;
  }),
  registriesSecondPage: edited('registries.json', body => {
    const projects = body.data.organization.orgEntity.projects;
    projects.edges = projects.edges.slice(0, 1);
    projects.pageInfo = {
      endCursor: 'YXJyYXljb25uZWN0aW9uOjI=',
      hasNextPage: false,
    };
  }),
  unknownOrganization: { body: { data: { organization: null } } },
  schemaWithoutHistory: {
    body: {
      errors: [
        {
          message:
            'Cannot query field "aliasActionHistory" on type "ArtifactCollection".',
        },
      ],
      data: null,
    },
  },
};

/** The answers of organization `acme`: registries `model` and `dataset`, collection `model/churn-classifier`. */
export const acme = (): ConstructorParameters<typeof WandbReplay>[0] => ({
  RegistriesOfOrganization: rec.registries,
  RegistryCollectionVersions: variables =>
    variables.collection === 'churn-classifier'
      ? rec.collection
      : variant.missingCollection,
  RegistryAliasHistory: rec.history,
});

export function collectorFor(baseUrl: string, extra: object = {}) {
  return WandbCollector.fromConfig(
    new ConfigReader({
      mlopsMaturity: {
        tools: {
          wandb: [
            {
              name: 'prod',
              baseUrl,
              token: API_KEY,
              organization: ORG,
              appUrl: 'https://wandb.ai',
              timeoutMs: 2000,
              ...extra,
            },
          ],
        },
      },
    }),
    mockServices.logger.mock(),
  )!;
}

/** Config declaring the `prod` instance, so that annotations naming it are valid. */
export const wandbConfig = (baseUrl: string) => ({
  tools: { wandb: [{ name: 'prod', baseUrl, organization: ORG }] },
});

export const registered = (
  name: string,
  collectionPath = 'model/churn-classifier',
  annotations: Record<string, string> = {},
) =>
  mlService(name, {
    level: 1,
    annotations: {
      'wandb.ai/registry-collection': `prod:${collectionPath}`,
      ...annotations,
    },
  });

export const promoted = (name: string, collectionPath?: string) =>
  registered(name, collectionPath, {
    'mlops-maturity.io/promotion': 'automatic',
  });

/**
 * Assesses the entities once with the collector asking the replay at baseUrl, a week after the
 * production version was linked unless the clock says otherwise; check(name, id) reads one
 * check of one entity from the store.
 */
export async function assessWandb(
  baseUrl: string,
  entities: Entity[],
  options: { clock?: Date; collector?: WandbCollector } = {},
) {
  const collector = options.collector ?? collectorFor(baseUrl);
  const { engineFor, store } = await createTestEngine({
    collectors: [collector],
    config: wandbConfig(baseUrl),
    clock: () => options.clock ?? WEEK_AFTER,
  });
  const run = await engineFor(entities).assessAll({ trigger: 'manual' });
  const check = async (name: string, id = 'experiment-tracking') =>
    (await store.getAssessment(`component:default/${name}`))!.checks.find(
      c => c.id === id,
    )!;
  return { run, check, store, engineFor, collector };
}

/** A fresh replay of organization `acme` for each test of the calling `describe`. */
export function replayPerTest(): () => WandbReplay {
  let replay: WandbReplay;
  beforeEach(async () => {
    replay = await new WandbReplay(acme()).start();
  });
  afterEach(async () => {
    await replay.stop();
  });
  return () => replay;
}
