import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { mlService } from '../../../__testUtils__/assessments';
import { createTestEngine } from '../../../__testUtils__/createTestEngine';
import { GithubCollector } from '../GithubCollector';
import {
  editJson,
  GithubReplay,
  recorded,
  recordedBody,
  withHeader,
} from './GithubReplay';

// Shared setup of the GitHub Actions CI collector's tests (GithubCollector.*.test.ts): the
// recorded answers, the scenario variants derived from them, the collector's configuration and
// the entities that name a quality gate. __fixtures__/README.md names each recording's source
// and every change made for a scenario.

export const TOKEN = 'ghp_replayTestTokenNeverShown0123456789';
/** A day after the newest recorded run of PyGithub's check.yml (2020-05-20T02:40:25Z). */
export const DAY_AFTER = new Date('2020-05-21T00:00:00Z');
export const P = '/repos/PyGithub/PyGithub';
const FAILED_PR_SHA = '30e710081e25ab76562d1ad28540d47e5cf483ed';

export const rec = {
  repository: recorded('PyGithub/Workflow.setUp.txt', 0),
  workflow: recorded('PyGithub/Workflow.setUp.txt', 1),
  runs: recorded('PyGithub/Workflow.testGetRunsWithNoArguments.txt'),
  deployments: recorded('PyGithub/Repository.testGetDeployments.txt'),
  contents: recordedBody('kis_unified_sts/tos-gate.contents.body.txt', 200),
  disabled: recorded('PyGithub/Workflow.testEnable.interaction-2.txt'),
  workflowNotFound: recordedBody('MoKnow/get-a-workflow.404.body.txt', 404),
  repositoryNotFound: recorded('PyGithub/Exceptions.testUnknownObject.txt', 1),
  badCredentials: recorded('PyGithub/Exceptions.testBadAuthentication.txt'),
  rateLimited: recorded(
    'PyGithub/SpecificExceptions.testRateLimitExceeded.txt',
    1,
  ),
};

/** The scenario variants listed in __fixtures__/README.md. */
export const variant = {
  dispatchOnly: editJson(rec.contents, body => {
    const text = Buffer.from(body.content, 'base64').toString('utf8');
    body.content = Buffer.from(
      text.replace('on: [pull_request]', 'on: [workflow_dispatch]'),
    ).toString('base64');
  }),
  lastRunFailed: editJson(rec.runs, body => {
    body.workflow_runs[0].conclusion = 'failure';
  }),
  neverRan: editJson(rec.runs, () => ({ total_count: 0, workflow_runs: [] })),
  pullRequestRunsNewest: editJson(rec.runs, body => {
    body.workflow_runs = body.workflow_runs.slice(2);
    body.total_count = 2;
  }),
  deployedAfterFailure: editJson(rec.deployments, body => {
    body[0].sha = FAILED_PR_SHA;
    body[0].ref = FAILED_PR_SHA;
  }),
  firstPage: (base: string) =>
    withHeader(
      editJson(rec.runs, body => {
        body.workflow_runs = body.workflow_runs.slice(1, 3);
      }),
      'Link',
      `<${base}/repositories/3544490/actions/workflows/1026390/runs?per_page=50&page=2>; rel="next", <${base}/repositories/3544490/actions/workflows/1026390/runs?per_page=50&page=2>; rel="last"`,
    ),
  secondPage: editJson(rec.runs, body => {
    body.workflow_runs = body.workflow_runs.slice(3);
  }),
};

/** PyGithub/PyGithub as GitHub answered for its check.yml workflow. */
export const pygithub = () => ({
  [P]: rec.repository,
  [`${P}/actions/workflows/check.yml`]: rec.workflow,
  [`${P}/contents/.github/workflows/check.yml`]: rec.contents,
  [`${P}/actions/workflows/1026390/runs`]: rec.runs,
  [`${P}/deployments`]: rec.deployments,
});

export function collectorFor(apiBaseUrl: string, github: object = {}) {
  return GithubCollector.fromConfig(
    new ConfigReader({
      integrations: {
        github: [{ host: 'github.com', apiBaseUrl, token: TOKEN }],
      },
      mlopsMaturity: { github: { timeoutMs: 1000, ...github } },
    }),
    mockServices.logger.mock(),
  )!;
}

export const gate = (
  name: string,
  slug = 'PyGithub/PyGithub',
  workflow = '.github/workflows/check.yml',
  annotations: Record<string, string> = {},
) =>
  mlService(name, {
    level: 1,
    annotations: {
      'github.com/project-slug': slug,
      'mlops-maturity.io/quality-gate': workflow,
      ...annotations,
    },
  });

/**
 * Assesses the entities (by default one gate on PyGithub's check.yml) once with the collector
 * asking the replay at apiBaseUrl, a day after the newest recorded run unless the clock says
 * otherwise; check(name) reads that entity's quality-gate check from the store.
 */
export async function assessGate(
  apiBaseUrl: string,
  entities: Entity[] = [gate('churn')],
  options: { clock?: Date; collector?: GithubCollector } = {},
) {
  const collector = options.collector ?? collectorFor(apiBaseUrl);
  const { engineFor, store } = await createTestEngine({
    collectors: [collector],
    clock: () => options.clock ?? DAY_AFTER,
  });
  const run = await engineFor(entities).assessAll({ trigger: 'manual' });
  const check = async (name = 'churn') =>
    (await store.getAssessment(`component:default/${name}`))!.checks.find(
      c => c.id === 'quality-gate',
    )!;
  return { run, check, store, engineFor, collector };
}

/**
 * A fresh replay of the recorded PyGithub answers for each test of the calling `describe`,
 * started before and stopped after each test; the returned function gives the current one.
 */
export function replayPerTest(): () => GithubReplay {
  let replay: GithubReplay;
  beforeEach(async () => {
    replay = await new GithubReplay(pygithub()).start();
  });
  afterEach(async () => {
    await replay.stop();
  });
  return () => replay;
}
