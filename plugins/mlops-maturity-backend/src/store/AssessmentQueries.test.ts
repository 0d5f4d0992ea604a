import { mockServices } from '@backstage/backend-test-utils';
import type { MaturityLevel } from '@mlops-maturity/plugin-mlops-maturity-common';
import { mlService } from '../__testUtils__/assessments';
import { DatabaseMaturityStore } from './DatabaseMaturityStore';
import { createStore, databases, storeWrite } from './__testUtils__/testStore';

jest.setTimeout(60_000);

const t0 = new Date('2026-11-26T12:00:00Z');
const later = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

describe.each(databases.eachSupportedId())('AssessmentQueries on %p', id => {
  describe('queries', () => {
    async function seeded() {
      const { store } = await createStore(id);
      const writes = [
        ...[0, 1, 2, 3, 4].map(level =>
          storeWrite(
            mlService(`a-${level}`, {
              level,
              owner: 'team-a',
              system: 'sys',
            }),
          ),
        ),
        ...[1, 1, 2].map((level, i) =>
          storeWrite(mlService(`b-${i}`, { level, owner: 'team-b' })),
        ),
      ];
      await store.writeAssessments(writes, t0);
      return store;
    }

    it('filters, counts and pages through the list with a cursor', async () => {
      const store = await seeded();
      const first = await store.listAssessments({ minLevel: 1 }, { limit: 3 });
      expect(first.total).toBe(7);
      expect(first.items.map(i => i.entityRef)).toEqual([
        'component:default/a-1',
        'component:default/a-2',
        'component:default/a-3',
      ]);
      const second = await store.listAssessments(
        { minLevel: 1 },
        { limit: 3, cursor: first.nextCursor },
      );
      const third = await store.listAssessments(
        { minLevel: 1 },
        { limit: 3, cursor: second.nextCursor },
      );
      expect(third.nextCursor).toBeUndefined();
      expect([...first.items, ...second.items, ...third.items]).toHaveLength(7);
      expect(
        (await store.listAssessments({ level: 1 }, { limit: 10 })).total,
      ).toBe(3);
      expect(
        (
          await store.listAssessments(
            { maxLevel: 1, owner: 'group:default/team-b' },
            { limit: 10 },
          )
        ).total,
      ).toBe(2);
      expect(
        (await store.listAssessments({ belowTarget: true }, { limit: 10 }))
          .total,
      ).toBe(6);
      expect(
        (
          await store.listAssessments(
            { system: 'system:default/sys' },
            { limit: 10 },
          )
        ).total,
      ).toBe(5);
      expect(
        (
          await store.listAssessments(
            {
              visibleRefs: ['component:default/a-4', 'component:default/zzz'],
            },
            { limit: 10 },
          )
        ).items.map(i => i.level),
      ).toEqual([4]);
      expect(
        (await store.listAssessments({ visibleRefs: [] }, { limit: 10 })).total,
      ).toBe(0);
    });

    it('aggregates the scorecard by owner with per-level counts and top blockers', async () => {
      const store = await seeded();
      const scorecard = await store.getScorecard('owner', {});
      expect(scorecard).toMatchObject({
        total: 8,
        byLevel: { 0: 1, 1: 3, 2: 2, 3: 1, 4: 1 },
        meetsTarget: 2,
        groups: [
          {
            key: 'group:default/team-a',
            total: 5,
            byLevel: { 0: 1, 1: 1, 2: 1, 3: 1, 4: 1 },
            meetsTarget: 2,
          },
          {
            key: 'group:default/team-b',
            total: 3,
            byLevel: { 0: 0, 1: 2, 2: 1, 3: 0, 4: 0 },
            meetsTarget: 0,
          },
        ],
      });
      expect(scorecard.topBlockers[0]).toEqual({
        checkId: 'experiment-tracking',
        count: 3,
      });
      const visible = await store.getScorecard('owner', {
        visibleRefs: ['component:default/b-0'],
      });
      expect(visible).toMatchObject({
        total: 1,
        groups: [{ key: 'group:default/team-b', total: 1 }],
      });
      expect(visible.topBlockers).toEqual([
        { checkId: 'experiment-tracking', count: 1 },
        { checkId: 'quality-gate', count: 1 },
        { checkId: 'training-pipeline', count: 1 },
      ]);
      expect(
        (await store.getScorecard('system', {})).groups.map(g => g.key),
      ).toEqual(['system:default/sys', '(none)']);
    });
  });

  it('counts verified levels and the levels declared but unproven, within the filter', async () => {
    const { store } = await createStore(id);
    /** A service at `level` whose live evidence proves only `verifiedLevel`. */
    const write = (
      name: string,
      level: number,
      verifiedLevel: number,
      owner: string,
    ) => {
      const w = storeWrite(mlService(name, { level, owner }));
      expect(w.assessment.level).toBe(level);
      w.assessment.verifiedLevel = verifiedLevel as MaturityLevel;
      return w;
    };
    await store.writeAssessments(
      [
        write('proven', 4, 4, 'team-a'),
        write('claims-3', 3, 1, 'team-a'),
        write('claims-2', 2, 0, 'team-a'),
        write('claims-1', 1, 0, 'team-b'),
        write('manual', 0, 0, 'team-b'),
      ],
      t0,
    );

    const scorecard = await store.getScorecard('owner', {});
    expect(scorecard).toMatchObject({
      total: 5,
      byLevel: { 0: 1, 1: 1, 2: 1, 3: 1, 4: 1 },
      byVerifiedLevel: { 0: 3, 1: 1, 2: 0, 3: 0, 4: 1 },
      // 2 of claims-3, 2 of claims-2 and 1 of claims-1.
      unprovenLevels: 5,
      unproven: 3,
    });
    expect(scorecard.groups).toEqual([
      expect.objectContaining({
        key: 'group:default/team-a',
        total: 3,
        byLevel: { 0: 0, 1: 0, 2: 1, 3: 1, 4: 1 },
        byVerifiedLevel: { 0: 1, 1: 1, 2: 0, 3: 0, 4: 1 },
        unprovenLevels: 4,
        unproven: 2,
      }),
      expect.objectContaining({
        key: 'group:default/team-b',
        total: 2,
        byVerifiedLevel: { 0: 2, 1: 0, 2: 0, 3: 0, 4: 0 },
        unprovenLevels: 1,
        unproven: 1,
      }),
    ]);

    // Only what the caller may read is counted.
    const visible = await store.getScorecard('owner', {
      visibleRefs: ['component:default/claims-3', 'component:default/manual'],
    });
    expect(visible).toMatchObject({
      total: 2,
      byVerifiedLevel: { 0: 1, 1: 1, 2: 0, 3: 0, 4: 0 },
      unprovenLevels: 2,
      unproven: 1,
      groups: [
        { key: 'group:default/team-a', unprovenLevels: 2, unproven: 1 },
        { key: 'group:default/team-b', unprovenLevels: 0, unproven: 0 },
      ],
    });
    // The filters apply to the declared level.
    expect(await store.getScorecard('owner', { minLevel: 3 })).toMatchObject({
      total: 2,
      byVerifiedLevel: { 0: 0, 1: 1, 2: 0, 3: 0, 4: 1 },
      unprovenLevels: 2,
      unproven: 1,
    });
    const empty = await store.getScorecard('owner', { visibleRefs: [] });
    expect(empty).toMatchObject({
      total: 0,
      byVerifiedLevel: { 0: 0, 1: 0, 2: 0, 3: 0, 4: 0 },
      unprovenLevels: 0,
      unproven: 0,
      groups: [],
    });
  });

  it('gives the level distribution at past moments from the history', async () => {
    const { store } = await createStore(id);
    const write = (name: string, level: number, at: Date, owner = 'team-a') =>
      store.writeAssessments(
        [
          storeWrite(mlService(name, { level, owner }), {
            now: at,
          }),
        ],
        at,
      );
    await write('churn', 1, t0);
    await write('fraud', 3, later(10));
    await write('churn', 2, later(20));
    await write('pricing', 0, later(20), 'team-b');
    // Unchanged re-assessment: no history row, so no effect on the trend.
    await write('fraud', 3, later(30));
    const moments = [later(-1), t0, later(15), later(25)];
    const trend = await store.getTrend(moments, {});
    expect(trend.points.map(p => p.at)).toEqual(
      moments.map(m => m.toISOString()),
    );
    expect(trend.points.map(p => [p.total, p.byLevel])).toEqual([
      [0, { 0: 0, 1: 0, 2: 0, 3: 0, 4: 0 }],
      [1, { 0: 0, 1: 1, 2: 0, 3: 0, 4: 0 }],
      [2, { 0: 0, 1: 1, 2: 0, 3: 1, 4: 0 }],
      [3, { 0: 1, 1: 0, 2: 1, 3: 1, 4: 0 }],
    ]);
    // fraud (level 3, target 3) meets its target; the others are below theirs.
    expect(trend.points.map(p => p.meetsTarget)).toEqual([0, 0, 1, 1]);
    const teamB = await store.getTrend([later(25)], {
      owner: 'group:default/team-b',
    });
    expect(teamB.points[0]).toMatchObject({ total: 1, byLevel: { 0: 1 } });
    const visible = await store.getTrend([later(25)], {
      visibleRefs: ['component:default/churn'],
    });
    expect(visible.points[0]).toMatchObject({ total: 1, byLevel: { 2: 1 } });
    // An entity that left the selector leaves the trend too; its history stays.
    await store.markSeen(
      ['component:default/churn', 'component:default/fraud'],
      later(40),
    );
    await store.removeUnseen(later(35));
    const after = await store.getTrend([later(25)], {
      owner: 'group:default/team-a',
    });
    expect(after.points[0].total).toBe(2);
  });

  it('computes each trend point at the end of its minute, so that requests of one minute share it', async () => {
    const { store, knex } = await createStore(id);
    const seconds = (s: number) => new Date(t0.getTime() + s * 1000);
    await store.writeAssessments(
      [storeWrite(mlService('churn', { level: 1 }), { now: seconds(30) })],
      seconds(30),
    );
    const historyQueries: string[] = [];
    const listener = (q: { sql: string }) => {
      if (q.sql.includes('mlops_history')) historyQueries.push(q.sql);
    };
    knex.on('query', listener);
    try {
      // A request "now" at 12:00:10 counts what was written until 12:01, as one at 12:00:50.
      const first = await store.getTrend([seconds(-50), seconds(10)], {});
      expect(first.points.map(p => [p.at, p.total])).toEqual([
        [seconds(-50).toISOString(), 0],
        [seconds(10).toISOString(), 1],
      ]);
      expect(historyQueries).toHaveLength(2);
      const second = await store.getTrend([seconds(-10), seconds(50)], {});
      expect(second.points.map(p => [p.at, p.total])).toEqual([
        [seconds(-10).toISOString(), 0],
        [seconds(50).toISOString(), 1],
      ]);
      expect(historyQueries).toHaveLength(2);
      // The next minute is another point.
      await store.getTrend([seconds(61)], {});
      expect(historyQueries).toHaveLength(3);
    } finally {
      knex.off('query', listener);
    }
  });

  it('reuses aggregates until a write of this replica', async () => {
    const { store, knex } = await createStore(id);
    const other = await DatabaseMaturityStore.create({
      database: mockServices.database({ knex, migrations: { skip: true } }),
    });
    await store.writeAssessments([storeWrite(mlService('a'))], t0);
    expect((await store.getScorecard('owner', {})).total).toBe(1);
    await other.writeAssessments([storeWrite(mlService('b'))], t0);
    expect((await store.getScorecard('owner', {})).total).toBe(1);
    expect((await other.getScorecard('owner', {})).total).toBe(2);
    await store.writeAssessments([storeWrite(mlService('c'))], t0);
    expect((await store.getScorecard('owner', {})).total).toBe(3);
    expect((await store.listAssessments({}, { limit: 10 })).items).toHaveLength(
      3,
    );
  });
});
