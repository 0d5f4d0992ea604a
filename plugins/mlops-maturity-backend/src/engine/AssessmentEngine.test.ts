import { InMemoryCatalogClient } from '@backstage/catalog-client/testUtils';
import type { EvidenceCollector } from '@mlops-maturity/plugin-mlops-maturity-node';
import { mlService } from '../__testUtils__/assessments';
import { createTestEngine } from '../__testUtils__/createTestEngine';
import { ASSESS_BATCH_SIZE } from './AssessmentEngine';

const DAY = 86_400_000;

describe('AssessmentEngine', () => {
  let clock: Date;

  const setup = (
    options: { collectors?: EvidenceCollector[]; config?: object } = {},
  ) =>
    createTestEngine({
      ...options,
      config: {
        tools: { mlflow: [{ name: 'prod', baseUrl: 'http://127.0.0.1:1' }] },
        ...options.config,
      },
      clock: () => clock,
    });

  beforeEach(() => {
    clock = new Date('2026-11-26T12:00:00Z');
  });

  type Evidence = Awaited<ReturnType<EvidenceCollector['collect']>> extends Map<
    string,
    infer E
  >
    ? E
    : never;

  /** An MLflow collector that answers `evidence(entityRef)` about each entity it is asked about. */
  const mlflowAnswering = (
    evidence: (entityRef: string) => Evidence,
    more: Partial<EvidenceCollector> = {},
  ): EvidenceCollector => ({
    id: 'mlflow',
    collect: async requests =>
      new Map(requests.map(r => [r.entityRef, evidence(r.entityRef)])),
    ...more,
  });

  /** Experiment tracking verified now. */
  const trackedNow = () => ({
    checkId: 'experiment-tracking',
    status: 'pass' as const,
    message: 'model found',
    observedAt: clock,
  });

  it('never logs the credentials an error carries when the catalog fails the run', async () => {
    const { engineFor, logger } = await createTestEngine({
      clock: () => clock,
      catalogFor: entities =>
        new (class extends InMemoryCatalogClient {
          async queryEntities(): Promise<never> {
            throw new Error(
              'GET https://svc:hunter2@catalog.internal/entities?token=abc123 failed',
            );
          }
          async getEntities(): Promise<never> {
            return this.queryEntities();
          }
        })({ entities }),
    });
    const run = await engineFor([mlService('a')]).assessAll({
      trigger: 'manual',
    });
    expect(run.status).toBe('failed');
    const logged = JSON.stringify(logger.error.mock.calls);
    expect(logged).toContain('catalog.internal');
    expect(logged).not.toMatch(/hunter2|abc123/);
  });

  it('records one entity failure and assesses the others', async () => {
    const broken = mlflowAnswering(ref => [
      {
        ...trackedNow(),
        // A collector bug: an invalid date for one entity only.
        observedAt: ref.endsWith('/b') ? new Date('nonsense') : clock,
      },
    ]);
    const { engineFor, store } = await setup({ collectors: [broken] });
    const entities = ['a', 'b', 'c'].map(n => mlService(n, { level: 2 }));
    const run = await engineFor(entities).assessAll({ trigger: 'manual' });
    expect(run).toMatchObject({ status: 'completed', assessed: 2, failed: 1 });
    expect(run.failures).toEqual([
      {
        entityRef: 'component:default/b',
        message: expect.stringContaining('Invalid'),
      },
    ]);
    expect(await store.getAssessment('component:default/a')).toBeDefined();
    expect(await store.getAssessment('component:default/c')).toBeDefined();
    expect((await store.listRuns(1))[0]).toMatchObject({ failed: 1 });
  });

  it('falls back to the claim, noting the outage, when a collector that never verified throws', async () => {
    const down: EvidenceCollector = {
      id: 'mlflow',
      collect: async () => {
        throw new Error('connect ECONNREFUSED 127.0.0.1:5000');
      },
    };
    const { engineFor, store } = await setup({ collectors: [down] });
    const run = await engineFor([mlService('a', { level: 2 })]).assessAll({
      trigger: 'manual',
    });
    expect(run.status).toBe('completed');
    const a = await store.getAssessment('component:default/a');
    expect(a!.level).toBe(2);
    expect(a!.checks.find(c => c.id === 'experiment-tracking')).toMatchObject({
      status: 'declared',
      counts: true,
      message: expect.stringContaining('ECONNREFUSED'),
    });
  });

  it('keeps a verified pass through a later outage, until its window ends', async () => {
    let up = true;
    const mlflow = mlflowAnswering(() => [
      up
        ? trackedNow()
        : {
            checkId: 'experiment-tracking',
            status: 'unknown' as const,
            message: 'MLflow timed out',
          },
    ]);
    const { engineFor, store } = await setup({
      collectors: [mlflow],
      config: { acceptDeclared: false },
    });
    const engine = engineFor([mlService('a', { level: 2 })]);
    await engine.assessAll({ trigger: 'manual' });
    const check = async () =>
      (await store.getAssessment('component:default/a'))!.checks.find(
        c => c.id === 'experiment-tracking',
      )!;
    expect(await check()).toMatchObject({ status: 'pass', counts: true });

    up = false;
    clock = new Date(clock.getTime() + 10 * DAY);
    await engine.assessAll({ trigger: 'manual' });
    expect(await check()).toMatchObject({
      status: 'unknown',
      stale: true,
      counts: true,
    });

    clock = new Date(clock.getTime() + 200 * DAY);
    await engine.assessAll({ trigger: 'manual' });
    expect(await check()).toMatchObject({
      status: 'unknown',
      stale: false,
      counts: false,
    });
  });

  it('removes entities that stopped matching the selector, keeping their history', async () => {
    const { engineFor, store } = await setup();
    await engineFor([
      mlService('a', { level: 1 }),
      mlService('b', { level: 1 }),
    ]).assessAll({ trigger: 'manual' });
    clock = new Date(clock.getTime() + 60_000);
    const run = await engineFor([mlService('a', { level: 1 })]).assessAll({
      trigger: 'manual',
    });
    expect(run.removed).toBe(1);
    expect(await store.getAssessment('component:default/b')).toBeUndefined();
    expect(await store.getHistory('component:default/b', {})).toHaveLength(1);
  });

  it('ignores the level labels the catalog module stamps', async () => {
    const { engineFor, store } = await setup();
    await engineFor([mlService('a', { level: 1 })]).assessAll({
      trigger: 'manual',
    });
    const before = await store.getAssessment('component:default/a');
    const labelled = mlService('a', { level: 1 });
    labelled.metadata.labels = {
      'mlops-maturity.io/level': '4',
      'mlops-maturity.io/meets-target': 'true',
    };
    clock = new Date(clock.getTime() + 60_000);
    const run = await engineFor([labelled]).assessAll({ trigger: 'manual' });
    expect(run.changed).toBe(0);
    const after = await store.getAssessment('component:default/a');
    expect(after).toEqual({ ...before, assessedAt: clock.toISOString() });
    expect(await store.getHistory('component:default/a', {})).toHaveLength(1);
  });

  it('streams the selected entities: the entities read but not yet stored never exceed three batches', async () => {
    const PAGE = 200;
    /** How many entities had been read, and how many stored, when each page was read. */
    const atPage: Array<{ read: number; stored: number }> = [];
    let countStored = async () => 0;
    class PagedCatalog extends InMemoryCatalogClient {
      async *streamEntities(
        request?: Parameters<InMemoryCatalogClient['streamEntities']>[0],
      ) {
        const { items } = await this.queryEntities(request);
        const full = request?.fields?.includes('metadata.annotations');
        for (let i = 0; i < items.length; i += PAGE) {
          if (full) atPage.push({ read: i, stored: await countStored() });
          yield items.slice(i, i + PAGE);
        }
      }
    }
    const { engineFor, store } = await createTestEngine({
      clock: () => clock,
      catalogFor: entities => new PagedCatalog({ entities }),
    });
    countStored = async () =>
      (await store.listAssessments({}, { limit: 1 })).total;
    const count = 4 * ASSESS_BATCH_SIZE + PAGE;
    const entities = Array.from({ length: count }, (_, i) =>
      mlService(`svc-${i}`, { level: 1 }),
    );
    const run = await engineFor(entities).assessAll({ trigger: 'manual' });
    expect(run).toMatchObject({ selected: count, assessed: count });
    expect(atPage).toHaveLength(Math.ceil(count / PAGE));
    // One batch is written while the tools are asked about the next; pages fill the one after.
    for (const { read, stored } of atPage) {
      expect(read - stored).toBeLessThanOrEqual(3 * ASSESS_BATCH_SIZE);
    }
    expect(atPage.at(-1)!.stored).toBeGreaterThan(0);
  });

  it('asks the tools about the next batch as soon as they have answered about one, while it is written', async () => {
    const asked: number[] = [];
    const mlflow: EvidenceCollector = {
      id: 'mlflow',
      collect: async requests => {
        asked.push(requests.length);
        return new Map();
      },
    };
    const { engineFor, store } = await setup({ collectors: [mlflow] });
    let release = () => {};
    const held = new Promise<void>(resolve => {
      release = resolve;
    });
    const write = store.writeAssessments.bind(store);
    const writeAssessments = jest
      .spyOn(store, 'writeAssessments')
      .mockImplementation(async (...args) => {
        if (writeAssessments.mock.calls.length === 1) await held;
        return write(...args);
      });
    const count = 3 * ASSESS_BATCH_SIZE;
    const entities = Array.from({ length: count }, (_, i) =>
      mlService(`svc-${i}`, { level: 2 }),
    );
    const running = engineFor(entities).assessAll({ trigger: 'manual' });
    // The first batch's write is held: the tools are still asked about all three batches
    // (a run that asked about the next batch only after evaluating one would wait at two).
    for (let i = 0; i < 500 && asked.length < 3; i++) {
      await new Promise(resolve => setTimeout(resolve, 10));
    }
    expect(asked).toEqual([
      ASSESS_BATCH_SIZE,
      ASSESS_BATCH_SIZE,
      ASSESS_BATCH_SIZE,
    ]);
    expect(writeAssessments).toHaveBeenCalledTimes(1);
    release();
    expect(await running).toMatchObject({
      status: 'completed',
      assessed: count,
    });
  });

  it('lets the collectors prepare the run before the catalog is read, with the run id of its batches', async () => {
    const events: string[] = [];
    const mlflow: EvidenceCollector = {
      id: 'mlflow',
      prepare: ({ runId }) => events.push(`prepare ${runId}`),
      collect: async (_requests, { runId }) => {
        events.push(`collect ${runId}`);
        return new Map();
      },
    };
    const { engineFor } = await createTestEngine({
      collectors: [mlflow],
      config: {
        tools: { mlflow: [{ name: 'prod', baseUrl: 'http://127.0.0.1:1' }] },
      },
      clock: () => clock,
      catalogFor: entities =>
        new (class extends InMemoryCatalogClient {
          async queryEntities(
            ...args: Parameters<InMemoryCatalogClient['queryEntities']>
          ) {
            events.push('catalog');
            return super.queryEntities(...args);
          }
        })({ entities }),
    });
    await engineFor([mlService('a', { level: 2 })]).assessAll({
      trigger: 'manual',
    });
    const runId = events[0].replace('prepare ', '');
    expect(runId).toMatch(/^run-/);
    expect(events[1]).toBe('catalog');
    expect(events).toContain(`collect ${runId}`);
  });

  it('assesses as usual when a collector cannot prepare the run, and logs why without secrets', async () => {
    const mlflow = mlflowAnswering(() => [trackedNow()], {
      prepare: () => {
        throw new Error('cannot reach https://svc:hunter2@mlflow.internal');
      },
    });
    const { engineFor, store, logger } = await setup({ collectors: [mlflow] });
    const run = await engineFor([mlService('a', { level: 2 })]).assessAll({
      trigger: 'manual',
    });
    expect(run).toMatchObject({ status: 'completed', assessed: 1 });
    const a = await store.getAssessment('component:default/a');
    expect(a!.checks.find(c => c.id === 'experiment-tracking')).toMatchObject({
      status: 'pass',
    });
    const warned = JSON.stringify(logger.warn.mock.calls);
    expect(warned).toContain('could not prepare the run');
    expect(warned).not.toContain('hunter2');
  });

  it('stops at an aborted signal and removes nothing', async () => {
    const { engineFor, store } = await setup();
    await engineFor([mlService('a', { level: 1 })]).assessAll({
      trigger: 'manual',
    });
    clock = new Date(clock.getTime() + 60_000);
    const controller = new AbortController();
    controller.abort();
    const run = await engineFor([]).assessAll({
      trigger: 'manual',
      signal: controller.signal,
    });
    expect(run.status).toBe('aborted');
    expect(await store.getAssessment('component:default/a')).toBeDefined();
  });

  it('prunes history past keepDays even when a run assesses nothing', async () => {
    const { engineFor, store } = await setup({
      config: { history: { keepDays: 30 } },
    });
    await engineFor([mlService('a', { level: 0 })]).assessAll({
      trigger: 'manual',
    });
    clock = new Date(clock.getTime() + DAY);
    await engineFor([mlService('a', { level: 1 })]).assessAll({
      trigger: 'manual',
    });
    expect(await store.getHistory('component:default/a', {})).toHaveLength(2);
    clock = new Date(clock.getTime() + 60 * DAY);
    await engineFor([]).assessAll({ trigger: 'manual' });
    expect(
      (await store.getHistory('component:default/a', {})).map(h => h.level),
    ).toEqual([1]);
  });

  it('re-assesses one entity on demand, counting its owner among the selected services', async () => {
    const { engineFor } = await setup();
    const entities = Array.from({ length: 12 }, (_, i) =>
      mlService(`f-${i}`, {
        level: 1,
        owner: 'fraud',
        tags: ['fraud-detection'],
      }),
    );
    const engine = engineFor([
      ...entities,
      {
        ...mlService('not-ml'),
        metadata: { name: 'not-ml', namespace: 'default' },
      },
    ]);
    expect(await engine.assessOne('component:default/f-0')).toMatchObject({
      targetLevel: 4,
    });
    expect(await engine.assessOne('component:default/not-ml')).toBeUndefined();
    expect(await engine.assessOne('component:default/missing')).toBeUndefined();
  });
});
