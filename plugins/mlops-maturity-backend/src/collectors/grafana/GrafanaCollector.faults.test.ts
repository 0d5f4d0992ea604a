import { describeToolFaults } from '../../__testUtils__/describeToolFaults';
import { GithubReplay } from '../github/__testUtils__/GithubReplay';
import {
  collectorFor,
  DAY_AFTER,
  grafana,
  grafanaConfig,
  selecting,
} from './__testUtils__/grafanaTestSetup';

jest.setTimeout(60_000);

// The faults every collector meets (stopped, slower than the timeout, 500, malformed JSON,
// rejected credentials), injected by a proxy in front of the replayed Grafana answers.
describe('the Grafana collector behind faults', () => {
  const replay = new GithubReplay(grafana());
  beforeAll(() => replay.start());
  afterAll(() => replay.stop());

  describeToolFaults({
    tool: 'Grafana',
    get targetUrl() {
      return replay.url;
    },
    collectorFor: (baseUrl, timeoutMs) => collectorFor(baseUrl, { timeoutMs }),
    config: grafanaConfig,
    entity: selecting('churn', 'churn'),
    scenarios: [
      selecting('churn', 'churn'),
      selecting('churn-ml', "tags @> 'churn' && tags @> 'ml'"),
      selecting('ops', 'prod'),
      selecting('fraud', 'fraud'),
    ],
    checkId: 'quality-dashboard',
    startAt: DAY_AFTER,
  });
});
