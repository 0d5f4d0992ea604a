import type { Entity } from '@backstage/catalog-model';
import { mlService } from '../../__testUtils__/assessments';
import { createTestEngine } from '../../__testUtils__/createTestEngine';
import {
  assessGate,
  collectorFor,
  DAY_AFTER,
  gate,
  P,
  TOKEN,
  variant,
  replayPerTest,
} from './__testUtils__/githubTestSetup';

// How the GitHub Actions CI collector asks GitHub (token, API version, paging, one listing per
// repository and run) and which entities it leaves to the other sources. The collector asks a
// local server that replays answers recorded from the real GitHub API; __fixtures__/README.md
// names each recording's source and every change made for a scenario.

jest.setTimeout(60_000);

describe('the GitHub Actions CI collector, replaying recorded GitHub answers', () => {
  const current = replayPerTest();

  const assess = (
    entities?: Entity[],
    options?: Parameters<typeof assessGate>[2],
  ) => assessGate(current().url, entities, options);

  it('asks GitHub with the integration token, the API version and one page of 50 runs', async () => {
    await assess();
    for (const r of current().requests) {
      expect(r.headers.authorization).toBe(`Bearer ${TOKEN}`);
      expect(r.headers['x-github-api-version']).toBe('2022-11-28');
    }
    const runs = current().requests.filter(
      r => r.path === `${P}/actions/workflows/1026390/runs`,
    );
    expect(runs).toHaveLength(1);
    expect(runs[0].query.get('per_page')).toBe('50');
  });

  it('follows the Link header to the next page of runs', async () => {
    current().routes[`${P}/actions/workflows/1026390/runs`] = query =>
      query.get('page') === '2'
        ? variant.secondPage
        : variant.firstPage('https://api.github.com');
    const { check } = await assess();
    expect((await check()).links[0].title).toBe('check #109 on master');
    const pages = current()
      .requests.filter(r => r.path === `${P}/actions/workflows/1026390/runs`)
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
      collectors: [collectorFor(current().url)],
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
      expect([path, current().count(path)]).toEqual([path, 1]);
    }
    expect(current().requests).toHaveLength(5);

    // The next run lists again, once.
    clock = new Date(clock.getTime() + 60_000);
    await engineFor(entities).assessAll({ trigger: 'manual' });
    expect(current().count(`${P}/actions/workflows/1026390/runs`)).toBe(2);
  });

  it('lets the runs supersede a workflow file that merely exists at the source location', async () => {
    current().routes[`${P}/actions/workflows/1026390/runs`] = variant.neverRan;
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
    expect(current().requests).toHaveLength(0);
  });

  it('leaves a quality gate that is no GitHub Actions workflow to the other sources', async () => {
    const { check } = await assess([
      gate('churn', 'PyGithub/PyGithub', 'ci/quality-gate.sh'),
    ]);
    expect((await check()).status).toBe('declared');
    expect(current().requests).toHaveLength(0);
  });
});
