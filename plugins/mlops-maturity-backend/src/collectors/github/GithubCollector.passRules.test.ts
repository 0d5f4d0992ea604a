import type { Entity } from '@backstage/catalog-model';
import {
  assessGate,
  gate,
  P,
  rec,
  variant,
  replayPerTest,
} from './__testUtils__/githubTestSetup';

// How the GitHub Actions CI collector judges a quality gate: when it passes, each reason it
// fails, which run it judges, the freshness window and whether the gate blocks failed commits.
// The collector asks a local server that replays answers recorded from the real GitHub API;
// __fixtures__/README.md names each recording's source and every change made for a scenario.

jest.setTimeout(60_000);

describe('the GitHub Actions CI collector, replaying recorded GitHub answers', () => {
  const current = replayPerTest();

  const assess = (
    entities?: Entity[],
    options?: Parameters<typeof assessGate>[2],
  ) => assessGate(current().url, entities, options);

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

  it('fails when GitHub Actions has no such workflow (404)', async () => {
    current().routes[`${P}/actions/workflows/model-quality.yml`] =
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
    current().routes['/repos/jacquev6/Xxx/actions/workflows/check.yml'] =
      rec.workflowNotFound;
    current().routes['/repos/jacquev6/Xxx'] = rec.repositoryNotFound;
    const { check } = await assess([gate('churn', 'jacquev6/Xxx')]);
    expect(await check()).toMatchObject({
      status: 'fail',
      message:
        "Repository jacquev6/Xxx on github.com was not found, or the GitHub integration's credentials cannot see it",
    });
  });

  it('fails when the workflow is disabled', async () => {
    current().routes['/repos/nickrmcclorey/PyGithub/actions/workflows/ci.yml'] =
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
    expect(current().requests.map(r => r.path)).toEqual([
      '/repos/nickrmcclorey/PyGithub/actions/workflows/ci.yml',
    ]);
  });

  it('fails a workflow that only runs on workflow_dispatch', async () => {
    current().routes[`${P}/contents/.github/workflows/check.yml`] =
      variant.dispatchOnly;
    const { check } = await assess();
    expect(await check()).toMatchObject({
      status: 'fail',
      message:
        'Workflow "check" runs on workflow_dispatch only; a quality gate must run on pull requests or pushes',
    });
  });

  it('fails when the latest run on the default branch failed, linking to it', async () => {
    current().routes[`${P}/actions/workflows/1026390/runs`] =
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
    current().routes[`${P}/actions/workflows/1026390/runs`] = variant.neverRan;
    const { check } = await assess();
    expect(await check()).toMatchObject({
      status: 'fail',
      message: 'Workflow "check" has never run',
    });
  });

  it('judges the latest run on the default branch, not newer pull-request runs', async () => {
    current().routes[`${P}/actions/workflows/1026390/runs`] =
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
    const deployments = current().requests.filter(
      r => r.path === `${P}/deployments`,
    );
    expect(deployments).toHaveLength(1);
    expect(deployments[0].query.get('per_page')).toBe('100');
  });

  it('shows when a failed commit was deployed anyway, without changing the status', async () => {
    current().routes[`${P}/deployments`] = variant.deployedAfterFailure;
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
});
