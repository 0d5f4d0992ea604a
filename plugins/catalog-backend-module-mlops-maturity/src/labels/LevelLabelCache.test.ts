import { mockServices } from '@backstage/backend-test-utils';
import type { EntityMaturityLevel } from '@mlops-maturity/plugin-mlops-maturity-node';
import { LevelLabelCache } from './LevelLabelCache';

describe('LevelLabelCache', () => {
  it('replaces the levels on refresh and keeps the last known ones when the backend is down', async () => {
    const answers: Array<Map<string, EntityMaturityLevel> | Error> = [
      new Map([['component:default/churn', { level: 2, meetsTarget: false }]]),
      new Error('connect ECONNREFUSED 127.0.0.1:7007'),
      new Map([['component:default/fraud', { level: 4, meetsTarget: true }]]),
    ];
    const logger = mockServices.logger.mock();
    const cache = new LevelLabelCache({
      client: {
        listLevels: async () => {
          const next = answers.shift()!;
          if (next instanceof Error) throw next;
          return next;
        },
      },
      logger,
    });
    expect(cache.get('component:default/churn')).toBeUndefined();

    await cache.refresh();
    expect(cache.get('component:default/churn')).toEqual({
      level: 2,
      meetsTarget: false,
    });

    await cache.refresh();
    expect(cache.get('component:default/churn')).toEqual({
      level: 2,
      meetsTarget: false,
    });
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('keeping the last known 1'),
    );

    await cache.refresh();
    expect(cache.get('component:default/churn')).toBeUndefined();
    expect(cache.get('component:default/fraud')?.level).toBe(4);
  });
});
