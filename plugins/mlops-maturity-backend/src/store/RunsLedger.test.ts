import { createStore, databases } from './__testUtils__/testStore';
import type { RunRecord } from './MaturityStore';

jest.setTimeout(60_000);

const t0 = new Date('2026-11-26T12:00:00Z');
const later = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

const run = (startedAt: Date, changes: Partial<RunRecord> = {}): RunRecord => ({
  trigger: 'schedule',
  startedAt,
  selected: 1,
  finishedAt: new Date(startedAt.getTime() + 60_000),
  status: 'completed',
  assessed: 1,
  changed: 0,
  failed: 0,
  removed: 0,
  removalHeld: 0,
  failures: [],
  ...changes,
});

describe.each(databases.eachSupportedId())('RunsLedger on %p', id => {
  it('records runs', async () => {
    const { store } = await createStore(id);
    await store.recordRun({
      trigger: 'schedule',
      startedAt: t0,
      selected: 4,
      finishedAt: later(1),
      status: 'completed',
      assessed: 3,
      changed: 1,
      failed: 1,
      removed: 0,
      removalHeld: 0,
      failures: [{ entityRef: 'component:default/x', message: 'boom' }],
    });
    expect(await store.listRuns(5)).toEqual([
      expect.objectContaining({
        selected: 4,
        assessed: 3,
        failed: 1,
        startedAt: t0,
        failures: [{ entityRef: 'component:default/x', message: 'boom' }],
      }),
    ]);
  });

  it('stores how many entities an aborted run selected', async () => {
    const { store } = await createStore(id);
    await store.recordRun(
      run(t0, { status: 'aborted', selected: 250, assessed: 100 }),
    );
    expect(await store.listRuns(1)).toEqual([
      run(t0, { status: 'aborted', selected: 250, assessed: 100 }),
    ]);
  });

  it('records a run as running from its start and its outcome at its end', async () => {
    const { store } = await createStore(id);
    const started = run(t0, { status: 'running', assessed: 0 });
    delete started.finishedAt;
    const runId = await store.startRun(started);
    expect(await store.listRuns(1)).toEqual([started]);
    const ended = run(t0, { assessed: 1, removalHeld: 4 });
    await store.finishRun(runId, ended);
    expect(await store.listRuns(5)).toEqual([ended]);
  });

  it('marks a run left running as interrupted when the next one starts', async () => {
    const { store } = await createStore(id);
    const running = (at: Date) => {
      const r = run(at, { status: 'running' });
      delete r.finishedAt;
      return r;
    };
    await store.startRun(running(t0));
    const next = await store.startRun(running(later(10)));
    expect((await store.listRuns(5)).map(r => r.status)).toEqual([
      'running',
      'interrupted',
    ]);
    await store.finishRun(next, run(later(10)));
    expect((await store.listRuns(5)).map(r => r.status)).toEqual([
      'completed',
      'interrupted',
    ]);
  });

  it('prunes runs that started before the cut-off with the history', async () => {
    const { store } = await createStore(id);
    for (const minutes of [0, 10, 20, 30]) {
      await store.recordRun(run(later(minutes), { assessed: minutes }));
    }
    await store.pruneHistory(later(15));
    expect((await store.listRuns(10)).map(r => r.assessed)).toEqual([30, 20]);
  });

  it('keeps the latest run however old it is', async () => {
    const { store } = await createStore(id);
    await store.recordRun(run(t0, { assessed: 1 }));
    await store.recordRun(run(later(10), { assessed: 2 }));
    await store.pruneHistory(later(60));
    expect((await store.listRuns(10)).map(r => r.assessed)).toEqual([2]);
  });

  it('stores failure messages with NUL bytes', async () => {
    const { store } = await createStore(id);
    await store.recordRun(
      run(t0, {
        failed: 1,
        failures: [
          { entityRef: 'component:default/x', message: 'bad\u0000byte' },
        ],
      }),
    );
    expect((await store.listRuns(1))[0].failures).toEqual([
      { entityRef: 'component:default/x', message: 'badbyte' },
    ]);
  });
});
