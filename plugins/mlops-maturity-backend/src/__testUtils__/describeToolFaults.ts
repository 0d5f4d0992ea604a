import type { Entity } from '@backstage/catalog-model';
import type { EvidenceCollector } from '@mlops-maturity/plugin-mlops-maturity-node';
import { mlService } from './assessments';
import { createTestEngine } from './createTestEngine';
import { Fault, FaultProxy } from './FaultProxy';
import type { MaturityStore } from '../store/MaturityStore';

/**
 * The instance's timeout in the fault tests: short, so that a tool that never answers costs
 * little, yet long enough that a real tool on a loaded CI machine answers the healthy runs
 * (Airflow 2's webserver took up to 3.1 s at a load average of 18; at 2 s a healthy run came
 * back unknown and the test saw no pass to keep).
 */
const FAULT_TIMEOUT_MS = 5000;
/** The outage lifecycle compares whole runs, so its healthy runs get more room still. */
const LIFECYCLE_TIMEOUT_MS = 10000;

const REASONS: Record<Fault | 'stopped', RegExp> = {
  none: /./,
  stopped: /cannot connect/,
  slow: new RegExp(`no answer within ${FAULT_TIMEOUT_MS / 1000} s`),
  'http-500': /HTTP 500/,
  'malformed-json': /malformed JSON/,
  'reject-credentials': /credentials rejected/,
};

/**
 * Fault tests for a collector against a real tool behind a {@link FaultProxy}: the tool stopped,
 * slower than the timeout, answering 500, malformed JSON, or rejecting credentials. Each run
 * completes, nothing is demoted, the check says unknown with the reason, and an entity that
 * uses no tool is unaffected.
 */
// A shared suite that both collectors' integration tests call, hence a test file that exports.
// eslint-disable-next-line jest/no-export
export function describeToolFaults(options: {
  tool: string;
  targetUrl: string;
  /** A collector whose one instance, `prod`, is at `baseUrl` with the given timeout. */
  collectorFor: (baseUrl: string, timeoutMs: number) => EvidenceCollector;
  /** Config declaring the `prod` instance, so that annotations naming it are valid. */
  config: object;
  /** An entity whose `checkId` passes while the tool answers. */
  entity: Entity;
  /** Every scenario entity of the tool, for the outage lifecycle: none may change. */
  scenarios: Entity[];
  checkId: string;
  /** The assessment clock's start, for recorded answers whose proof is old (default now). */
  startAt?: Date;
}) {
  describe.each<Fault | 'stopped'>([
    'stopped',
    'slow',
    'http-500',
    'malformed-json',
    'reject-credentials',
  ])(`when ${options.tool} is %s`, fault => {
    it('completes the run, keeps verified passes, says unknown with the reason', async () => {
      const { proxy, engineFor, store, tick } = await behindProxy(
        options,
        FAULT_TIMEOUT_MS,
      );
      const entities = [options.entity, mlService('no-tools', { level: 1 })];
      const ref = `component:default/${options.entity.metadata.name}`;
      const check = async () =>
        (await store.getAssessment(ref))!.checks.find(
          c => c.id === options.checkId,
        )!;

      await engineFor(entities).assessAll({ trigger: 'manual' });
      expect((await check()).status).toBe('pass');
      const before = await store.getAssessment(ref);

      if (fault === 'stopped') await proxy.stop();
      else proxy.fault = fault;
      tick();
      const started = Date.now();
      const run = await engineFor(entities).assessAll({ trigger: 'manual' });
      expect(Date.now() - started).toBeLessThan(5 * FAULT_TIMEOUT_MS);
      expect(run).toMatchObject({
        status: 'completed',
        failed: 0,
        assessed: 2,
      });

      const after = await store.getAssessment(ref);
      expect(after!.level).toBe(before!.level);
      expect(after!.verifiedLevel).toBe(before!.verifiedLevel);
      const result = await check();
      expect(result).toMatchObject({
        status: 'unknown',
        stale: true,
        counts: true,
      });
      expect(result.message).toMatch(REASONS[fault]);
      expect(
        await store.getAssessment('component:default/no-tools'),
      ).toMatchObject({
        level: 1,
      });
      await proxy.stop();
    });

    it('healthy, down, back: no level, verified level, check count or label moves', async () => {
      const { proxy, engineFor, store, tick } = await behindProxy(
        options,
        LIFECYCLE_TIMEOUT_MS,
      );
      const entities = [...options.scenarios, mlService('no-tools')];
      const snapshot = () => levelsOf(store, entities);
      const run = async () => {
        tick();
        const r = await engineFor(entities).assessAll({ trigger: 'manual' });
        expect(r).toMatchObject({ status: 'completed', failed: 0 });
        return snapshot();
      };

      const healthy = await run();
      expect(
        healthy.find(h => h.entity === options.entity.metadata.name)!.verified,
      ).toContain(options.checkId);
      if (fault === 'stopped') await proxy.stop();
      else proxy.fault = fault;
      expect(await run()).toEqual(healthy);
      if (fault === 'stopped') await proxy.start();
      else proxy.fault = 'none';
      expect(await run()).toEqual(healthy);
      await proxy.stop();
    });
  });

  it(`a run aborted while ${options.tool} is slow writes nothing; the next run finishes`, async () => {
    // A generous timeout, so that only the run's abort can cut the slow requests short.
    const { proxy, engineFor, store, tick } = await behindProxy(
      options,
      30_000,
    );
    const entities = [...options.scenarios, mlService('no-tools')];
    const documents = () =>
      Promise.all(
        entities.map(e =>
          store.getAssessmentJson(`component:default/${e.metadata.name}`),
        ),
      );
    await engineFor(entities).assessAll({ trigger: 'manual' });
    const before = await documents();
    const levels = await levelsOf(store, entities);

    proxy.fault = 'slow';
    tick();
    const timeout = new AbortController();
    setTimeout(() => timeout.abort(), 300);
    const aborted = await engineFor(entities).assessAll({
      trigger: 'schedule',
      signal: timeout.signal,
    });
    expect(aborted).toMatchObject({
      status: 'aborted',
      selected: entities.length,
      assessed: 0,
    });
    const after = await documents();
    expect(after).toEqual(before);
    expect(after.join('\n')).not.toMatch(/abort/i);

    proxy.fault = 'none';
    tick();
    expect(
      await engineFor(entities).assessAll({ trigger: 'schedule' }),
    ).toMatchObject({ status: 'completed', assessed: entities.length });
    expect(await levelsOf(store, entities)).toEqual(levels);
    await proxy.stop();
  });
}

/**
 * A test engine whose one collector asks the tool through a new {@link FaultProxy}, with a
 * clock that starts at `startAt` and moves a minute with each `tick()`.
 */
async function behindProxy(
  options: Parameters<typeof describeToolFaults>[0],
  timeoutMs: number,
) {
  const proxy = await new FaultProxy(options.targetUrl).start();
  let clock = options.startAt ?? new Date();
  const engine = await createTestEngine({
    collectors: [options.collectorFor(proxy.url, timeoutMs)],
    config: options.config,
    clock: () => clock,
  });
  const tick = () => {
    clock = new Date(clock.getTime() + 60_000);
  };
  return { proxy, tick, ...engine };
}

/** What the catalog label and the scorecard show of each entity, and what each check counts. */
async function levelsOf(store: MaturityStore, entities: Entity[]) {
  return Promise.all(
    entities.map(async e => {
      const a = await store.getAssessment(
        `component:default/${e.metadata.name}`,
      );
      return {
        entity: e.metadata.name,
        level: a!.level,
        verifiedLevel: a!.verifiedLevel,
        meetsTarget: a!.meetsTarget,
        counts: Object.fromEntries(a!.checks.map(c => [c.id, c.counts])),
        verified: a!.checks
          .filter(c => c.status === 'pass' || (c.stale && c.counts))
          .map(c => c.id),
      };
    }),
  );
}
