import { AggregateCache } from './AggregateCache';

describe('AggregateCache', () => {
  afterEach(() => jest.useRealTimers());

  it('reuses an answer within the TTL and asks again after it', async () => {
    jest.useFakeTimers({ now: 0 });
    const cache = new AggregateCache({ ttlMs: 5_000 });
    const load = jest.fn(async () => 'answer');
    const key = cache.key('scorecard', { owner: 'group:default/a' }, 'owner');
    await cache.get(key, load);
    jest.setSystemTime(4_999);
    await cache.get(key, load);
    expect(load).toHaveBeenCalledTimes(1);
    jest.setSystemTime(5_000);
    await cache.get(key, load);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('forgets everything when cleared', async () => {
    const cache = new AggregateCache();
    const load = jest.fn(async () => 1);
    await cache.get('k', load);
    cache.clear();
    await cache.get('k', load);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('does not keep a failed answer', async () => {
    const cache = new AggregateCache();
    await expect(
      cache.get('k', async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await cache.get('k', async () => 2)).toBe(2);
  });

  it('keys filters by their values and visible refs', () => {
    const cache = new AggregateCache();
    const key = (refs?: string[]) =>
      cache.key('page', { level: 1, visibleRefs: refs }, '10|');
    expect(key(['a', 'b'])).toBe(key(['a', 'b']));
    expect(key(['a', 'b'])).not.toBe(key(['a']));
    expect(key(undefined)).not.toBe(key([]));
    expect(key(['a'])).not.toBe(
      cache.key('page', { level: 2, visibleRefs: ['a'] }, '10|'),
    );
  });
});
