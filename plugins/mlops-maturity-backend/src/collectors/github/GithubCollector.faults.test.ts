import { describeToolFaults } from '../../__testUtils__/describeToolFaults';
import { GithubReplay } from './__testUtils__/GithubReplay';
import {
  collectorFor,
  DAY_AFTER,
  gate,
  pygithub,
} from './__testUtils__/githubTestSetup';

jest.setTimeout(60_000);

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
    collectorFor: (baseUrl, timeoutMs) => collectorFor(baseUrl, { timeoutMs }),
    config: {},
    entity: gate('churn'),
    scenarios: [gate('churn')],
    checkId: 'quality-gate',
    startAt: DAY_AFTER,
  });
});
