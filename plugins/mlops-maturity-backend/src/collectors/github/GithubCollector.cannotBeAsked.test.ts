import { mlService } from '../../__testUtils__/assessments';
import { createTestEngine } from '../../__testUtils__/createTestEngine';
import type { Recorded } from './__testUtils__/GithubReplay';
import {
  collectorFor,
  DAY_AFTER,
  gate,
  P,
  rec,
  replayPerTest,
} from './__testUtils__/githubTestSetup';

// The GitHub Actions CI collector when GitHub refuses to answer (rejected credentials, rate
// limit): it keeps the verified result, stale, and stops asking for the rest of the run. The
// collector asks a local server that replays answers recorded from the real GitHub API;
// __fixtures__/README.md names each recording's source and every change made for a scenario.

jest.setTimeout(60_000);

describe('the GitHub Actions CI collector, replaying recorded GitHub answers', () => {
  const current = replayPerTest();

  describe('when GitHub cannot be asked', () => {
    async function passThenFault(route: string, fault: Recorded) {
      const entities = [gate('churn'), mlService('no-tools', { level: 1 })];
      let clock = DAY_AFTER;
      const { engineFor, store } = await createTestEngine({
        collectors: [collectorFor(current().url)],
        clock: () => clock,
      });
      await engineFor(entities).assessAll({ trigger: 'manual' });
      const before = await store.getAssessment('component:default/churn');
      expect(before!.checks.find(c => c.id === 'quality-gate')!.status).toBe(
        'pass',
      );
      current().routes[route] = fault;
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
      current().routes['/repos/PyGithub/other/actions/workflows/check.yml'] =
        rec.workflow;
      const entities = [gate('churn'), gate('other', 'PyGithub/other')];
      // One request at a time, so that the two repositories are asked in turn.
      const collector = collectorFor(current().url, { concurrency: 1 });
      let clock = DAY_AFTER;
      const { engineFor, store } = await createTestEngine({
        collectors: [collector],
        clock: () => clock,
      });
      await engineFor([entities[0]]).assessAll({ trigger: 'manual' });
      const before = await store.getAssessment('component:default/churn');

      current().routes[`${P}/actions/workflows/check.yml`] = rec.rateLimited;
      current().routes['/repos/PyGithub/other/actions/workflows/check.yml'] =
        rec.rateLimited;
      current().requests.length = 0;
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
      expect(current().requests).toHaveLength(1);
    });
  });
});
