import type { Entity } from '@backstage/catalog-model';
import type { EvidenceCollector } from '@mlops-maturity/plugin-mlops-maturity-node';
import { mlService } from './assessments';
import { createTestEngine } from './createTestEngine';
import { Fault, FaultProxy } from './FaultProxy';

const REASONS: Record<Fault | 'stopped', RegExp> = {
  none: /./,
  stopped: /cannot connect/,
  slow: /no answer within 1 s/,
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
  /** A collector whose one instance, `prod`, is at `baseUrl` with a 1-second timeout. */
  collectorFor: (baseUrl: string) => EvidenceCollector;
  /** Config declaring the `prod` instance, so that annotations naming it are valid. */
  config: object;
  /** An entity whose `checkId` passes while the tool answers. */
  entity: Entity;
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
      const proxy = await new FaultProxy(options.targetUrl).start();
      let clock = options.startAt ?? new Date();
      const { engineFor, store } = await createTestEngine({
        collectors: [options.collectorFor(proxy.url)],
        config: options.config,
        clock: () => clock,
      });
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
      clock = new Date(clock.getTime() + 60_000);
      const started = Date.now();
      const run = await engineFor(entities).assessAll({ trigger: 'manual' });
      expect(Date.now() - started).toBeLessThan(5_000);
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
  });
}
