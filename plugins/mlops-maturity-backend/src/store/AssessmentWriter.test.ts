import { mlService } from '../__testUtils__/assessments';
import { createStore, databases, storeWrite } from './__testUtils__/testStore';
import type { SourceResult } from './MaturityStore';

jest.setTimeout(60_000);

const t0 = new Date('2026-11-26T12:00:00Z');
const later = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

describe.each(databases.eachSupportedId())('AssessmentWriter on %p', id => {
  it('stores an assessment and reads it back as written', async () => {
    const { store } = await createStore(id);
    const write = storeWrite(mlService('churn', { level: 2, system: 'crm' }), {
      domain: 'domain:default/sales',
    });
    await store.writeAssessments([write], t0);
    expect(await store.getAssessment('component:default/churn')).toEqual(
      write.assessment,
    );
    expect(await store.getAssessment('component:default/nope')).toBeUndefined();
  });

  it('adds no history and rewrites nothing when nothing changed', async () => {
    const { store } = await createStore(id);
    const entity = mlService('churn', { level: 2 });
    expect(await store.writeAssessments([storeWrite(entity)], t0)).toEqual({
      rewritten: 1,
      historyRows: 1,
    });
    const again = storeWrite(entity, { now: later(30) });
    expect(await store.writeAssessments([again], later(30))).toEqual({
      rewritten: 0,
      historyRows: 0,
    });
    expect(
      (await store.getAssessment('component:default/churn'))!.assessedAt,
    ).toBe(later(30).toISOString());
    expect(await store.getHistory('component:default/churn', {})).toHaveLength(
      1,
    );
  });

  it('adds a history row with the changed checks when a status changes', async () => {
    const { store } = await createStore(id);
    await store.writeAssessments(
      [storeWrite(mlService('churn', { level: 1 }))],
      t0,
    );
    const upgraded = storeWrite(mlService('churn', { level: 2 }), {
      now: later(30),
    });
    expect(await store.writeAssessments([upgraded], later(30))).toEqual({
      rewritten: 1,
      historyRows: 1,
    });
    const history = await store.getHistory('component:default/churn', {});
    expect(history.map(h => h.level)).toEqual([1, 2]);
    expect(history[1].changes).toEqual([
      {
        checkId: 'experiment-tracking',
        from: 'not-declared',
        to: 'declared',
      },
      { checkId: 'quality-gate', from: 'not-declared', to: 'declared' },
      { checkId: 'training-pipeline', from: 'not-declared', to: 'declared' },
    ]);
    expect(
      await store.getHistory('component:default/churn', { from: later(10) }),
    ).toHaveLength(1);
  });

  it('never writes a duplicate history row for concurrent identical writes', async () => {
    const { store } = await createStore(id);
    await store.writeAssessments(
      [storeWrite(mlService('churn', { level: 1 }))],
      t0,
    );
    const upgraded = storeWrite(mlService('churn', { level: 2 }), {
      now: later(1),
    });
    const results = await Promise.all([
      store.writeAssessments([upgraded], later(1)),
      store.writeAssessments([upgraded], later(1)),
    ]);
    expect(results.reduce((n, r) => n + r.historyRows, 0)).toBe(1);
    expect(await store.getHistory('component:default/churn', {})).toHaveLength(
      2,
    );
  });

  it('removes entities that were not seen, keeping their history', async () => {
    const { store } = await createStore(id);
    const sourceResults: SourceResult[] = [
      {
        checkId: 'training-script',
        source: 'repository',
        status: 'pass',
        message: 'found',
        links: [],
        verifiedAt: t0,
      },
    ];
    await store.writeAssessments(
      [
        storeWrite(mlService('a', { level: 1 }), { sourceResults }),
        storeWrite(mlService('b', { level: 1 }), { sourceResults }),
      ],
      t0,
    );
    await store.markSeen(['component:default/a'], later(5));
    expect(await store.removeUnseen(later(1))).toBe(1);
    expect(await store.getAssessment('component:default/b')).toBeUndefined();
    expect(await store.getAssessment('component:default/a')).toBeDefined();
    expect(await store.getHistory('component:default/b', {})).toHaveLength(1);
    expect(
      await store.getSourceResults([
        'component:default/a',
        'component:default/b',
      ]),
    ).toEqual(new Map([['component:default/a', sourceResults]]));
  });

  it('prunes old history but keeps the latest row of each entity', async () => {
    const { store } = await createStore(id);
    await store.writeAssessments(
      [storeWrite(mlService('a', { level: 0 }))],
      t0,
    );
    await store.writeAssessments(
      [storeWrite(mlService('a', { level: 1 }), { now: later(10) })],
      later(10),
    );
    await store.writeAssessments(
      [storeWrite(mlService('b', { level: 0 }))],
      t0,
    );
    expect(await store.pruneHistory(later(60))).toBe(1);
    expect(
      (await store.getHistory('component:default/a', {})).map(h => h.level),
    ).toEqual([1]);
    expect(await store.getHistory('component:default/b', {})).toHaveLength(1);
  });

  it("keeps each entity's latest row before the cut-off, so the trend still counts it inside the window", async () => {
    const { store } = await createStore(id);
    const write = (level: number, minutes: number) =>
      store.writeAssessments(
        [
          storeWrite(mlService('a', { level }), {
            now: later(minutes),
          }),
        ],
        later(minutes),
      );
    await write(0, 0);
    await write(1, 10);
    await write(2, 100);
    const cutOff = later(50);
    expect(await store.pruneHistory(cutOff)).toBe(1);
    expect(
      (await store.getHistory('component:default/a', {})).map(h => h.level),
    ).toEqual([1, 2]);
    // Between the cut-off and its next change, the entity is at the level of the kept row.
    const trend = await store.getTrend([cutOff, later(99)], {});
    expect(trend.points.map(p => [p.total, p.byLevel[1]])).toEqual([
      [1, 1],
      [1, 1],
    ]);
  });

  it('stores catalog values longer than their columns, cut with a marker, and serves them whole', async () => {
    const { store } = await createStore(id);
    const long = (prefix: string, length: number) =>
      prefix + 'x'.repeat(length - prefix.length);
    const entity = mlService('long-values', {
      level: 1,
      owner: long('team-', 600),
      system: long('sys-', 600),
    });
    entity.spec!.lifecycle = long('experimental-', 300);
    entity.metadata.title = 'Title with a \u0000 NUL byte';
    const write = storeWrite(entity, { domain: long('domain:default/d', 700) });
    await store.writeAssessments([write], t0);

    expect(await store.getAssessment('component:default/long-values')).toEqual(
      write.assessment,
    );
    const [row] = (await store.listAssessments({}, { limit: 10 })).items;
    expect(row.lifecycle).toBe(
      `${write.assessment.lifecycle!.slice(0, 254)}\u2026`,
    );
    expect(Array.from(row.owner!)).toHaveLength(512);
    expect(row.owner!.endsWith('\u2026')).toBe(true);
    expect(Array.from(row.system!)).toHaveLength(512);
    expect(Array.from(row.domain!)).toHaveLength(512);
    expect(row.title).toBe('Title with a  NUL byte');
    // The scorecard groups by the stored (cut) value.
    expect(
      (await store.getScorecard('lifecycle', {})).groups.map(g => g.key),
    ).toEqual([row.lifecycle]);
  });
  it("drops a write that read the entity's waivers before one was granted or revoked, and marks it seen", async () => {
    const { store, knex } = await createStore(id);
    const churn = 'component:default/churn';
    const levelOf = async (ref: string) =>
      (await store.getAssessment(ref))!.level;
    await store.writeAssessments(
      [storeWrite(mlService('churn', { level: 2 }))],
      t0,
    );
    // The writes of a run that read the waivers a minute before the grant.
    const readBeforeGrant = new Date(Date.now() - 60_000);
    const waiver = await store.createWaiver({
      entityRef: churn,
      checkId: 'ab-testing',
      reason: 'Batch scoring: no live traffic',
      author: 'user:default/lead',
      expiresAt: new Date(Date.now() + 86_400_000),
    });
    const readAfterGrant = new Date();
    const stale = {
      ...storeWrite(mlService('churn', { level: 1 }), { now: later(30) }),
      waiversReadAt: readBeforeGrant,
    };
    const unwaived = {
      ...storeWrite(mlService('fraud', { level: 1 }), { now: later(30) }),
      waiversReadAt: readBeforeGrant,
    };
    expect(await store.writeAssessments([stale, unwaived], later(30))).toEqual({
      rewritten: 1,
      historyRows: 1,
    });
    expect(await levelOf(churn)).toBe(2);
    expect(await store.getHistory(churn, {})).toHaveLength(1);
    expect(await levelOf('component:default/fraud')).toBe(1);
    const { seen_at } = await knex('mlops_assessments')
      .where({ entity_ref: churn })
      .first('seen_at');
    expect(new Date(seen_at).getTime()).toBe(later(30).getTime());

    // A write that read the waivers after the grant is stored.
    const fresh = {
      ...storeWrite(mlService('churn', { level: 1 }), { now: later(31) }),
      waiversReadAt: readAfterGrant,
    };
    expect(await store.writeAssessments([fresh], later(31))).toEqual({
      rewritten: 1,
      historyRows: 1,
    });
    expect(await levelOf(churn)).toBe(1);

    // A revocation supersedes too.
    const readBeforeRevoke = new Date(Date.now() - 1);
    await store.revokeWaiver(
      { entityRef: churn, id: waiver.id },
      'user:default/lead',
    );
    const staleAgain = {
      ...storeWrite(mlService('churn', { level: 2 }), { now: later(32) }),
      waiversReadAt: readBeforeRevoke,
    };
    expect(await store.writeAssessments([staleAgain], later(32))).toEqual({
      rewritten: 0,
      historyRows: 0,
    });
    expect(await levelOf(churn)).toBe(1);
  });
});
