import {
  assessGate,
  gate,
  P,
  replayPerTest,
} from './__testUtils__/githubTestSetup';

// A github.com/project-slug of "../.." once reached the collector, whose request path
// `/repos/../../actions/workflows/check.yml` URL parsing resolves to
// `/actions/workflows/check.yml`: outside /repos, with the integration's token.

jest.setTimeout(60_000);

describe('the GitHub Actions CI collector, replaying recorded GitHub answers', () => {
  const current = replayPerTest();

  it.each(['../..', './PyGithub', 'PyGithub/..'])(
    'never asks GitHub about the slug %s, and lists it as a problem',
    async slug => {
      const { run, check, store } = await assessGate(current().url, [
        gate('climber', slug),
        gate('churn'),
      ]);
      expect(run).toMatchObject({ status: 'completed', failed: 0 });
      expect(current().requests.filter(r => !r.path.startsWith(P))).toEqual([]);
      expect((await check('churn')).status).toBe('pass');
      const climber = await store.getAssessment('component:default/climber');
      expect(climber!.problems).toEqual([
        {
          annotation: 'github.com/project-slug',
          message: `github.com/project-slug must be owner/repository, not "${slug}"; GitHub is not asked about its workflows`,
        },
      ]);
    },
  );
});
