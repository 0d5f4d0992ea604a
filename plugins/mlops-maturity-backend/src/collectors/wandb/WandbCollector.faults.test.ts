import { describeToolFaults } from '../../__testUtils__/describeToolFaults';
import { WandbReplay } from './__testUtils__/WandbReplay';
import {
  acme,
  collectorFor,
  promoted,
  registered,
  wandbConfig,
  WEEK_AFTER,
} from './__testUtils__/wandbTestSetup';

jest.setTimeout(60_000);

// The faults every collector meets (stopped, slower than the timeout, 500, malformed JSON,
// rejected credentials), injected by a proxy in front of the replayed W&B answers.
describe('the W&B collector behind faults', () => {
  const replay = new WandbReplay(acme());
  beforeAll(() => replay.start());
  afterAll(() => replay.stop());

  describeToolFaults({
    tool: 'W&B',
    get targetUrl() {
      return replay.url;
    },
    collectorFor: (baseUrl, timeoutMs) => collectorFor(baseUrl, { timeoutMs }),
    get config() {
      return wandbConfig(replay.url);
    },
    entity: registered('churn'),
    scenarios: [
      registered('churn'),
      promoted('churn-promoted'),
      registered('fraud', 'model/fraud-detector'),
    ],
    checkId: 'experiment-tracking',
    startAt: WEEK_AFTER,
  });
});
