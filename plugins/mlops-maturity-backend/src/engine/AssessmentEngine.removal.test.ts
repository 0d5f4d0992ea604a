import { mlService } from '../__testUtils__/assessments';
import { createTestEngine } from '../__testUtils__/createTestEngine';
import { createTestDatabases } from '../__testUtils__/databases';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const services = (count: number) =>
  Array.from({ length: count }, (_, i) => mlService(`svc-${i}`, { level: 1 }));

describe.each(databases.eachSupportedId())(
  'removal of unselected entities on %p',
  id => {
    let clock: Date;
    const tick = () => {
      clock = new Date(clock.getTime() + 60_000);
    };
    const setup = async (config: object = {}) =>
      createTestEngine({
        knex: await databases.init(id),
        clock: () => clock,
        config,
      });

    beforeEach(() => {
      clock = new Date('2026-11-26T12:00:00Z');
    });

    it('keeps every assessment when the catalog answers empty, warns and marks the run', async () => {
      const { engineFor, store, logger } = await setup();
      await engineFor(services(3)).assessAll({ trigger: 'schedule' });
      tick();
      const run = await engineFor([]).assessAll({ trigger: 'schedule' });
      expect(run).toMatchObject({
        status: 'completed',
        selected: 0,
        removed: 0,
        removalHeld: 3,
      });
      expect((await store.listRuns(1))[0]).toMatchObject({
        status: 'completed',
        removalHeld: 3,
      });
      expect((await store.listAssessments({}, { limit: 10 })).total).toBe(3);
      expect(logger.warn).toHaveBeenCalledWith(
        expect.stringContaining('removal guard'),
      );
    });

    it('holds a sudden drop beyond the share, and lets a small one through', async () => {
      const { engineFor, store } = await setup();
      await engineFor(services(20)).assessAll({ trigger: 'schedule' });
      tick();
      // 12 of 20 gone at once: held.
      const drop = await engineFor(services(8)).assessAll({
        trigger: 'schedule',
      });
      expect(drop).toMatchObject({ removed: 0, removalHeld: 12 });
      expect((await store.listAssessments({}, { limit: 50 })).total).toBe(20);
      tick();
      // 5 gone: removed.
      const shrink = await engineFor(services(15)).assessAll({
        trigger: 'schedule',
      });
      expect(shrink).toMatchObject({ removed: 5, removalHeld: 0 });
      expect((await store.listAssessments({}, { limit: 50 })).total).toBe(15);
    });

    it('removes what left the selector when the guard is off', async () => {
      const { engineFor, store } = await setup({
        removal: { maxPercent: 100 },
      });
      await engineFor(services(3)).assessAll({ trigger: 'schedule' });
      tick();
      const run = await engineFor([]).assessAll({ trigger: 'schedule' });
      expect(run).toMatchObject({ removed: 3, removalHeld: 0 });
      expect((await store.listAssessments({}, { limit: 10 })).total).toBe(0);
      expect(
        await store.getHistory('component:default/svc-0', {}),
      ).toHaveLength(1);
    });
  },
);
