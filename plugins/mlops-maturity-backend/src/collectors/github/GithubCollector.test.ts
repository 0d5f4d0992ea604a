import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { mlService } from '../../__testUtils__/assessments';
import { createTestEngine } from '../../__testUtils__/createTestEngine';
import { describeToolFaults } from '../../__testUtils__/describeToolFaults';
import { GithubCollector } from './GithubCollector';
import {
  editJson,
  GithubReplay,
  Recorded,
  recorded,
  recordedBody,
  withHeader,
} from './__testUtils__/GithubReplay';

// The collector asks a local server that replays answers recorded from the real GitHub API;
// __fixtures__/README.md names each recording's source and every change made for a scenario.

jest.setTimeout(60_000);

const TOKEN = 'ghp_replayTestTokenNeverShown0123456789';
/** A day after the newest recorded run of PyGithub's check.yml (2020-05-20T02:40:25Z). */
const DAY_AFTER = new Date('2020-05-21T00:00:00Z');
const P = '/repos/PyGithub/PyGithub';
const FAILED_PR_SHA = '30e710081e25ab76562d1ad28540d47e5cf483ed';

const rec = {
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
const variant = {
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
const pygithub = () => ({
  [P]: rec.repository,
  [`${P}/actions/workflows/check.yml`]: rec.workflow,
  [`${P}/contents/.github/workflows/check.yml`]: rec.contents,
  [`${P}/actions/workflows/1026390/runs`]: rec.runs,
  [`${P}/deployments`]: rec.deployments,
});

function collectorFor(apiBaseUrl: string, github: object = {}) {
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

const gate = (
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

describe('the GitHub Actions CI collector, replaying recorded GitHub answers', () => {
  let replay: GithubReplay;

  beforeEach(async () => {
    replay = await new GithubReplay(pygithub()).start();
  });
  afterEach(async () => {
    await replay.stop();
  });

  async function assess(
    entities = [gate('churn')],
    options: { clock?: Date; collector?: GithubCollector } = {},
  ) {
    const collector = options.collector ?? collectorFor(replay.url);
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

  it('passes an active, pull-request-triggered gate whose latest run on the default branch succeeded', async () => {
    const { run, check } = await assess();
    expect(run).toMatchObject({ status: 'completed', failed: 0 });
    const result = await check();
    expect(result).toMatchObject({
      status: 'pass',
      source: 'github',
      observedAt: '2020-05-20T02:40:25.000Z',
      message: expect.stringMatching(
        /^"check" runs on pull_request; its latest run on master \(#112\) succeeded; /,
      ),
    });
    expect(result.links[0]).toEqual({
      title: 'check #112 on master',
      url: 'https://github.com/PyGithub/PyGithub/actions/runs/109950033',
    });
    expect(result.links[1]).toEqual({
      title: 'Workflow check',
      url: 'https://github.com/PyGithub/PyGithub/blob/master/.github/workflows/check.yml',
    });
    expect(result.evidence).toMatchObject({
      repository: 'PyGithub/PyGithub',
      workflow: '.github/workflows/check.yml',
      triggers: ['pull_request'],
      defaultBranch: 'master',
      latestRun: { id: 109950033, number: 112, conclusion: 'success' },
    });
  });

  it('asks GitHub with the integration token, the API version and one page of 50 runs', async () => {
    await assess();
    for (const r of replay.requests) {
      expect(r.headers.authorization).toBe(`Bearer ${TOKEN}`);
      expect(r.headers['x-github-api-version']).toBe('2022-11-28');
    }
    const runs = replay.requests.filter(
      r => r.path === `${P}/actions/workflows/1026390/runs`,
    );
    expect(runs).toHaveLength(1);
    expect(runs[0].query.get('per_page')).toBe('50');
  });

  it('fails when GitHub Actions has no such workflow (404)', async () => {
    replay.routes[`${P}/actions/workflows/model-quality.yml`] =
      rec.workflowNotFound;
    const { check } = await assess([
      gate('churn', 'PyGithub/PyGithub', '.github/workflows/model-quality.yml'),
    ]);
    expect(await check()).toMatchObject({
      status: 'fail',
      message:
        'GitHub Actions has no workflow .github/workflows/model-quality.yml in PyGithub/PyGithub on github.com',
      links: [
        {
          title: 'PyGithub/PyGithub GitHub Actions',
          url: 'https://github.com/PyGithub/PyGithub/actions',
        },
      ],
    });
  });

  it('fails naming the repository when the repository itself is not found', async () => {
    replay.routes['/repos/jacquev6/Xxx/actions/workflows/check.yml'] =
      rec.workflowNotFound;
    replay.routes['/repos/jacquev6/Xxx'] = rec.repositoryNotFound;
    const { check } = await assess([gate('churn', 'jacquev6/Xxx')]);
    expect(await check()).toMatchObject({
      status: 'fail',
      message:
        "Repository jacquev6/Xxx on github.com was not found, or the GitHub integration's credentials cannot see it",
    });
  });

  it('fails when the workflow is disabled', async () => {
    replay.routes['/repos/nickrmcclorey/PyGithub/actions/workflows/ci.yml'] =
      rec.disabled;
    const { check } = await assess([
      gate('churn', 'nickrmcclorey/PyGithub', '.github/workflows/ci.yml'),
    ]);
    expect(await check()).toMatchObject({
      status: 'fail',
      message:
        'Workflow "CI" (.github/workflows/ci.yml) is disabled_manually, so it gates nothing',
      links: [
        {
          title: 'Workflow CI',
          url: 'https://github.com/nickrmcclorey/PyGithub/blob/main/.github/workflows/ci.yml',
        },
      ],
    });
    expect(replay.requests.map(r => r.path)).toEqual([
      '/repos/nickrmcclorey/PyGithub/actions/workflows/ci.yml',
    ]);
  });

  it('fails a workflow that only runs on workflow_dispatch', async () => {
    replay.routes[`${P}/contents/.github/workflows/check.yml`] =
      variant.dispatchOnly;
    const { check } = await assess();
    expect(await check()).toMatchObject({
      status: 'fail',
      message:
        'Workflow "check" runs on workflow_dispatch only; a quality gate must run on pull requests or pushes',
    });
  });

  it('fails when the latest run on the default branch failed, linking to it', async () => {
    replay.routes[`${P}/actions/workflows/1026390/runs`] =
      variant.lastRunFailed;
    const { check } = await assess();
    const result = await check();
    expect(result).toMatchObject({
      status: 'fail',
      message:
        'The latest run of "check" on master (#112, push) concluded failure',
    });
    expect(result.links[0].url).toBe(
      'https://github.com/PyGithub/PyGithub/actions/runs/109950033',
    );
  });

  it('fails when the workflow never ran', async () => {
    replay.routes[`${P}/actions/workflows/1026390/runs`] = variant.neverRan;
    const { check } = await assess();
    expect(await check()).toMatchObject({
      status: 'fail',
      message: 'Workflow "check" has never run',
    });
  });

  it('judges the latest run on the default branch, not newer pull-request runs', async () => {
    replay.routes[`${P}/actions/workflows/1026390/runs`] =
      variant.pullRequestRunsNewest;
    const { check } = await assess();
    const result = await check();
    // The newest run (#110, a pull request) failed; master's latest (#109) succeeded.
    expect(result).toMatchObject({
      status: 'pass',
      observedAt: '2020-05-19T02:30:56.000Z',
    });
    expect(result.links[0].title).toBe('check #109 on master');
  });

  it('fails a successful run older than the freshness window', async () => {
    const { check } = await assess([gate('churn')], {
      clock: new Date('2020-09-01T00:00:00Z'),
    });
    const result = await check();
    expect(result.status).toBe('fail');
    expect(result.message).toContain(
      'the proof is 103 days old, older than the 90-day window',
    );
  });

  it('shows that the gate blocks: a failed run whose commit was not deployed afterwards', async () => {
    const { check } = await assess();
    const result = await check();
    expect(result.status).toBe('pass');
    expect(result.message).toContain(
      'run #110 failed and its commit 30e7100 was not deployed afterwards: the gate blocks',
    );
    expect(result.evidence).toMatchObject({
      blocking: {
        verdict: 'blocks',
        failedRuns: 1,
        blockedFailures: 1,
        deployedAfterFailure: 0,
        example: 'https://github.com/PyGithub/PyGithub/actions/runs/108934155',
      },
    });
    expect(result.links).toContainEqual({
      title: 'Failed run #110',
      url: 'https://github.com/PyGithub/PyGithub/actions/runs/108934155',
    });
    const deployments = replay.requests.filter(
      r => r.path === `${P}/deployments`,
    );
    expect(deployments).toHaveLength(1);
    expect(deployments[0].query.get('per_page')).toBe('100');
  });

  it('shows when a failed commit was deployed anyway, without changing the status', async () => {
    replay.routes[`${P}/deployments`] = variant.deployedAfterFailure;
    const { check } = await assess();
    const result = await check();
    expect(result.status).toBe('pass');
    expect(result.message).toContain(
      'run #110 failed, yet its commit 30e7100 was deployed to test afterwards: the gate did not block it',
    );
    expect(result.evidence).toMatchObject({
      blocking: { verdict: 'deployed-after-failure', deployedAfterFailure: 1 },
    });
  });

  it('follows the Link header to the next page of runs', async () => {
    replay.routes[`${P}/actions/workflows/1026390/runs`] = query =>
      query.get('page') === '2'
        ? variant.secondPage
        : variant.firstPage('https://api.github.com');
    const { check } = await assess();
    expect((await check()).links[0].title).toBe('check #109 on master');
    const pages = replay.requests
      .filter(r => r.path === `${P}/actions/workflows/1026390/runs`)
      .map(r => [r.query.get('per_page'), r.query.get('page')]);
    expect(pages).toEqual([
      ['50', null],
      ['50', '2'],
    ]);
  });

  it('lists a repository once per run however many entities share it', async () => {
    const entities = [gate('churn'), gate('fraud'), gate('pricing')];
    let clock = DAY_AFTER;
    const { engineFor, store } = await createTestEngine({
      collectors: [collectorFor(replay.url)],
      clock: () => clock,
    });
    await engineFor(entities).assessAll({ trigger: 'manual' });
    const check = async (name: string) =>
      (await store.getAssessment(`component:default/${name}`))!.checks.find(
        c => c.id === 'quality-gate',
      )!;
    for (const name of ['churn', 'fraud', 'pricing']) {
      expect((await check(name)).status).toBe('pass');
    }
    for (const path of [
      `${P}/actions/workflows/check.yml`,
      `${P}/contents/.github/workflows/check.yml`,
      P,
      `${P}/actions/workflows/1026390/runs`,
      `${P}/deployments`,
    ]) {
      expect([path, replay.count(path)]).toEqual([path, 1]);
    }
    expect(replay.requests).toHaveLength(5);

    // The next run lists again, once.
    clock = new Date(clock.getTime() + 60_000);
    await engineFor(entities).assessAll({ trigger: 'manual' });
    expect(replay.count(`${P}/actions/workflows/1026390/runs`)).toBe(2);
  });

  it('lets the runs supersede a workflow file that merely exists at the source location', async () => {
    replay.routes[`${P}/actions/workflows/1026390/runs`] = variant.neverRan;
    const { check } = await assess([
      gate('churn', 'PyGithub/PyGithub', '.github/workflows/check.yml', {
        // The URL reader in the test engine finds every file: the repository says pass.
        'backstage.io/source-location':
          'url:https://github.com/PyGithub/PyGithub/tree/master/',
      }),
    ]);
    expect(await check()).toMatchObject({ status: 'fail', source: 'github' });
  });

  it('leaves entities without a GitHub repository to the other sources', async () => {
    const { check } = await assess([
      mlService('churn', {
        annotations: {
          'mlops-maturity.io/quality-gate': '.github/workflows/check.yml',
        },
      }),
    ]);
    expect(await check()).toMatchObject({
      status: 'declared',
      source: 'annotation',
    });
    expect(replay.requests).toHaveLength(0);
  });

  it('leaves a quality gate that is no GitHub Actions workflow to the other sources', async () => {
    const { check } = await assess([
      gate('churn', 'PyGithub/PyGithub', 'ci/quality-gate.sh'),
    ]);
    expect((await check()).status).toBe('declared');
    expect(replay.requests).toHaveLength(0);
  });

  describe('when GitHub cannot be asked', () => {
    async function passThenFault(route: string, fault: Recorded) {
      const entities = [gate('churn'), mlService('no-tools', { level: 1 })];
      let clock = DAY_AFTER;
      const { engineFor, store } = await createTestEngine({
        collectors: [collectorFor(replay.url)],
        clock: () => clock,
      });
      await engineFor(entities).assessAll({ trigger: 'manual' });
      const before = await store.getAssessment('component:default/churn');
      expect(before!.checks.find(c => c.id === 'quality-gate')!.status).toBe(
        'pass',
      );
      replay.routes[route] = fault;
      clock = new Date(clock.getTime() + 60_000);
      const run = await engineFor(entities).assessAll({ trigger: 'manual' });
      const after = await store.getAssessment('component:default/churn');
      return { run, before, after };
    }

    it('says unknown on bad credentials (recorded 401), keeping the verified pass', async () => {
      const { run, before, after } = await passThenFault(
        `${P}/actions/workflows/check.yml`,
        rec.badCredentials,
      );
      expect(run).toMatchObject({ status: 'completed', failed: 0 });
      expect(after!.level).toBe(before!.level);
      expect(after!.verifiedLevel).toBe(before!.verifiedLevel);
      expect(after!.checks.find(c => c.id === 'quality-gate')).toMatchObject({
        status: 'unknown',
        stale: true,
        counts: true,
        message: expect.stringContaining(
          'GitHub github.com could not be asked: credentials rejected (HTTP 401)',
        ),
      });
    });

    it('keeps the verified result when rate limited (recorded 403), and asks no more in that run', async () => {
      replay.routes['/repos/PyGithub/other/actions/workflows/check.yml'] =
        rec.workflow;
      const entities = [gate('churn'), gate('other', 'PyGithub/other')];
      // One request at a time, so that the two repositories are asked in turn.
      const collector = collectorFor(replay.url, { concurrency: 1 });
      let clock = DAY_AFTER;
      const { engineFor, store } = await createTestEngine({
        collectors: [collector],
        clock: () => clock,
      });
      await engineFor([entities[0]]).assessAll({ trigger: 'manual' });
      const before = await store.getAssessment('component:default/churn');

      replay.routes[`${P}/actions/workflows/check.yml`] = rec.rateLimited;
      replay.routes['/repos/PyGithub/other/actions/workflows/check.yml'] =
        rec.rateLimited;
      replay.requests.length = 0;
      clock = new Date(clock.getTime() + 60_000);
      const run = await engineFor(entities).assessAll({ trigger: 'manual' });
      expect(run).toMatchObject({ status: 'completed', failed: 0 });

      const after = await store.getAssessment('component:default/churn');
      expect(after!.level).toBe(before!.level);
      expect(after!.verifiedLevel).toBe(before!.verifiedLevel);
      const checks = await Promise.all(
        ['churn', 'other'].map(async n =>
          (await store.getAssessment(`component:default/${n}`))!.checks.find(
            c => c.id === 'quality-gate',
          ),
        ),
      );
      expect(checks[0]).toMatchObject({ status: 'unknown', stale: true });
      // Never verified before, so it falls back to its claim, with the reason.
      expect(checks[1]).toMatchObject({ status: 'declared', stale: false });
      for (const c of checks) {
        expect(c!.message).toMatch(/rate limit exhausted \(HTTP 403\)/);
      }
      // The circuit opened on the first refusal: GitHub was asked once in this run.
      expect(replay.requests).toHaveLength(1);
    });
  });
});

// The faults every collector meets (stopped, slower than the timeout, 500, malformed JSON,
// rejected credentials), injected by a proxy in front of the replayed answers.
describe('the GitHub Actions CI collector behind faults', () => {
  const replay = new GithubReplay(pygithub());
  beforeAll(() => replay.start());
  afterAll(() => replay.stop());

  describeToolFaults({
    tool: 'GitHub',
    get targetUrl() {
      return replay.url;
    },
    collectorFor,
    config: {},
    entity: gate('churn'),
    scenarios: [gate('churn')],
    checkId: 'quality-gate',
    startAt: DAY_AFTER,
  });
});
