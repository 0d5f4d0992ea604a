import { RunScopedCache } from './RunScopedCache';

describe('RunScopedCache', () => {
  it('loads a value once per run and key', async () => {
    const cache = new RunScopedCache<string>();
    const load = jest.fn(async () => 'listing');
    await cache.get('run-1', 'prod', load);
    await cache.get('run-1', 'prod', load);
    await cache.get('run-1', 'staging', load);
    expect(load).toHaveBeenCalledTimes(2);
    await cache.get('run-2', 'prod', load);
    expect(load).toHaveBeenCalledTimes(3);
  });

  it('keeps a scheduled run its values through the refreshes beside it', async () => {
    const cache = new RunScopedCache<string>();
    const loads: string[] = [];
    const get = (runId: string) =>
      cache.get(runId, 'prod', async () => {
        loads.push(runId);
        return runId;
      });
    await get('run-1');
    await get('refresh-a');
    await get('run-1');
    await get('refresh-b');
    await get('run-1');
    expect(loads).toEqual(['run-1', 'refresh-a', 'refresh-b']);
    // Only the two runs used last are kept.
    await get('refresh-a');
    expect(loads).toEqual(['run-1', 'refresh-a', 'refresh-b', 'refresh-a']);
  });
});
