import type { Entity } from '@backstage/catalog-model';
import { MLOPS_ANNOTATIONS } from '@mlops-maturity/plugin-mlops-maturity-common';
import { assessmentWrite, mlService } from '../__testUtils__/assessments';
import { loadRubric } from '../rubric/loadRubric';
import { createStore, databases } from './__testUtils__/testStore';

jest.setTimeout(60_000);

const t0 = new Date('2026-11-26T12:00:00Z');
const t1 = new Date('2026-11-26T13:00:00Z');

/** The annotation that declares each check of the default rubric, so that it counts. */
const DECLARES: Record<string, Record<string, string>> = {
  'training-script': { 'mlops-maturity.io/training-entrypoint': 'train.py' },
  'deployment-script': { 'mlops-maturity.io/deployment-entrypoint': 'd.sh' },
  'serving-logging': { 'mlops-maturity.io/serving-logs': 'https://logs/x' },
  'experiment-tracking': { 'mlflow.org/registered-model': 'model' },
  'training-pipeline': { 'airflow.apache.org/dag-id': 'train' },
  'quality-gate': { 'mlops-maturity.io/quality-gate': '.github/q.yml' },
  'drift-monitoring': { 'evidentlyai.com/project-id': 'p1' },
  'quality-dashboard': {
    'mlops-maturity.io/quality-dashboard': 'https://grafana/d/1',
  },
  'ab-testing': { 'kserve.io/inference-service': 'models/m' },
  'drift-triggered-retraining': {
    'mlops-maturity.io/retrain-cadence': 'on-drift',
  },
  'auto-promotion': { 'mlops-maturity.io/promotion': 'automatic' },
  'feature-store': { 'feast.dev/feature-service': 'features' },
};
const CHECK_IDS = Object.keys(DECLARES);
const checksOfLevels = (...levels: number[]) =>
  loadRubric()
    .checks.filter(c => levels.includes(c.level))
    .map(c => c.id);
const but = (ids: string[], ...missing: string[]) =>
  ids.filter(id => !missing.includes(id));

/** A service that declares exactly these checks, with this target. */
function service(
  name: string,
  declared: readonly string[],
  target: number,
  owner = 'team-a',
): Entity {
  return mlService(name, {
    owner,
    annotations: Object.assign(
      { [MLOPS_ANNOTATIONS.targetLevel]: String(target) },
      ...declared.map(id => DECLARES[id]),
    ),
  });
}

interface Service {
  name: string;
  declared: string[];
  target: number;
  owner?: string;
}

const L1 = checksOfLevels(1);
const L12 = checksOfLevels(1, 2);
const L123 = checksOfLevels(1, 2, 3);

/**
 * The test catalog. Some services one check alone blocks; others two checks block; one is at
 * the top level; one meets its target; one skipped a level (fixing its one blocker lifts it two
 * levels, to its target); one is owned by another team, and one the caller cannot see.
 */
const CATALOG: Service[] = [
  // L1, quality-gate alone blocks L2, the target.
  { name: 'gate-to-target', declared: but(L12, 'quality-gate'), target: 2 },
  // L1, quality-gate alone blocks L2; the target L3 is still 3 checks away.
  { name: 'gate-then-more', declared: but(L12, 'quality-gate'), target: 3 },
  // L1 with every L3 check already declared: quality-gate alone keeps it from L3, its target.
  {
    name: 'gate-skipped-level',
    declared: [...but(L12, 'quality-gate'), ...checksOfLevels(3)],
    target: 3,
  },
  // L1, two checks block L2: fixing either alone lifts nothing.
  {
    name: 'two-blockers',
    declared: but(L12, 'quality-gate', 'training-pipeline'),
    target: 2,
  },
  // L2, quality-dashboard alone blocks L3, the target.
  {
    name: 'dashboard-to-target',
    declared: but(L123, 'quality-dashboard'),
    target: 3,
  },
  // L2, meets its target; ab-testing alone blocks L3.
  { name: 'meets-target', declared: but(L123, 'ab-testing'), target: 2 },
  // L4: no next level.
  { name: 'top', declared: CHECK_IDS, target: 4 },
  // L0, three checks block L1.
  { name: 'nothing', declared: [], target: 1 },
  // L0, one check blocks L1, the target; another team's.
  {
    name: 'other-team',
    declared: but(L1, 'serving-logging'),
    target: 1,
    owner: 'team-b',
  },
  // Like gate-to-target, but the caller may not read it.
  { name: 'hidden-gate', declared: but(L12, 'quality-gate'), target: 2 },
];

const refOf = (name: string) => `component:default/${name}`;

/** Evaluates a service as the engine does: its level, and whether it meets its target. */
function evaluate(s: Service) {
  return assessmentWrite(service(s.name, s.declared, s.target, s.owner), {
    now: t1,
  }).assessment;
}

describe.each(databases.eachSupportedId())('what to fix first on %p', id => {
  async function seeded() {
    const { store } = await createStore(id);
    await store.writeAssessments(
      CATALOG.map(s => ({
        assessment: assessmentWrite(
          service(s.name, s.declared, s.target, s.owner),
          { now: t0 },
        ).assessment,
        sourceResults: [],
      })),
      t0,
    );
    return store;
  }
  const visibleRefs = CATALOG.filter(s => s.name !== 'hidden-gate').map(s =>
    refOf(s.name),
  );

  it('reports for each check exactly the services that fixing it alone lifts, and they move up when it is fixed', async () => {
    const store = await seeded();
    const leverage = await store.getLeverage({}, 100);
    expect(leverage.checks).toEqual([
      { checkId: 'quality-gate', lifts: 4, reachesTarget: 3 },
      { checkId: 'quality-dashboard', lifts: 1, reachesTarget: 1 },
      { checkId: 'serving-logging', lifts: 1, reachesTarget: 1 },
      { checkId: 'ab-testing', lifts: 1, reachesTarget: 0 },
    ]);

    for (const checkId of CHECK_IDS) {
      const reported = (
        await store.listAssessments({ lastBlocker: checkId }, { limit: 100 })
      ).items.map(i => i.entityRef);
      expect(reported).toHaveLength(
        leverage.checks.find(c => c.checkId === checkId)?.lifts ?? 0,
      );
      // Fix the check for every service of the catalog and re-assess them all: exactly the
      // reported ones reach their next level, and no other moves.
      const before = new Map(CATALOG.map(s => [s.name, evaluate(s)]));
      const fixed = CATALOG.map(s => ({
        ...s,
        declared: [...new Set([...s.declared, checkId])],
      }));
      await store.writeAssessments(
        fixed.map(s => ({ assessment: evaluate(s), sourceResults: [] })),
        t1,
      );
      const moved: string[] = [];
      for (const s of fixed) {
        const stored = (await store.getAssessment(refOf(s.name)))!;
        const was = before.get(s.name)!;
        expect(stored.level).toBeGreaterThanOrEqual(was.level);
        if (stored.level > was.level) moved.push(stored.entityRef);
      }
      expect(moved.sort()).toEqual([...reported].sort());
      // Back to the catalog as it was, for the next check.
      await store.writeAssessments(
        CATALOG.map(s => ({ assessment: evaluate(s), sourceResults: [] })),
        t1,
      );
    }
  });

  it('lists exactly the services one check from their target, with the check that gets them there', async () => {
    const store = await seeded();
    const leverage = await store.getLeverage({}, 100);
    const expected = [
      ['dashboard-to-target', 'quality-dashboard', 2, 3],
      ['gate-skipped-level', 'quality-gate', 1, 3],
      ['gate-to-target', 'quality-gate', 1, 2],
      ['hidden-gate', 'quality-gate', 1, 2],
      ['other-team', 'serving-logging', 0, 1],
    ];
    expect(leverage.oneCheckFromTarget).toEqual(
      expected.map(([name, checkId, level, targetLevel]) => ({
        entityRef: refOf(name as string),
        title: name,
        owner:
          name === 'other-team'
            ? 'group:default/team-b'
            : 'group:default/team-a',
        level,
        targetLevel,
        checkId,
      })),
    );
    expect(leverage.oneCheckFromTargetTotal).toBe(5);
    expect(
      (
        await store.listAssessments(
          { oneCheckFromTarget: true },
          { limit: 100 },
        )
      ).items.map(i => i.entityRef),
    ).toEqual(expected.map(([name]) => refOf(name as string)));
    expect(
      (
        await store.listAssessments(
          { oneCheckFromTarget: true, lastBlocker: 'quality-gate' },
          { limit: 100 },
        )
      ).total,
    ).toBe(3);

    // The oracle: every service below its target, each check fixed alone. The listed ones reach
    // their target with their check; no other service reaches it with any single check.
    const listed = new Map(expected.map(([name, checkId]) => [name, checkId]));
    for (const s of CATALOG) {
      const reaching = CHECK_IDS.filter(checkId => {
        if (s.declared.includes(checkId) || evaluate(s).meetsTarget)
          return false;
        return evaluate({ ...s, declared: [...s.declared, checkId] })
          .meetsTarget;
      });
      expect(reaching).toEqual(listed.has(s.name) ? [listed.get(s.name)] : []);
    }
  });

  it('counts and lists only the services the caller may read, within the filters', async () => {
    const store = await seeded();
    const visible = await store.getLeverage({ visibleRefs }, 100);
    expect(visible.checks[0]).toEqual({
      checkId: 'quality-gate',
      lifts: 3,
      reachesTarget: 2,
    });
    expect(visible.oneCheckFromTarget.map(s => s.entityRef)).not.toContain(
      refOf('hidden-gate'),
    );
    expect(visible.oneCheckFromTargetTotal).toBe(4);
    expect(
      (
        await store.listAssessments(
          { visibleRefs, lastBlocker: 'quality-gate' },
          { limit: 100 },
        )
      ).items.map(i => i.entityRef),
    ).toEqual(
      ['gate-skipped-level', 'gate-then-more', 'gate-to-target'].map(refOf),
    );
    expect(await store.getLeverage({ visibleRefs: [] }, 100)).toEqual({
      checks: [],
      oneCheckFromTarget: [],
      oneCheckFromTargetTotal: 0,
    });

    const teamB = await store.getLeverage(
      { visibleRefs, owner: 'group:default/team-b' },
      100,
    );
    expect(teamB.checks).toEqual([
      { checkId: 'serving-logging', lifts: 1, reachesTarget: 1 },
    ]);
    expect(teamB.oneCheckFromTarget.map(s => s.entityRef)).toEqual([
      refOf('other-team'),
    ]);
    const firstTwo = await store.getLeverage({ visibleRefs }, 2);
    expect(firstTwo.oneCheckFromTarget).toHaveLength(2);
    expect(firstTwo.oneCheckFromTargetTotal).toBe(4);
    expect(
      (
        await store.listAssessments(
          { oneCheckFromTarget: false },
          { limit: 100 },
        )
      ).total,
    ).toBe(CATALOG.length - 5);
  });

  it('lists the owners, systems, domains and lifecycles the caller may see, with counts', async () => {
    const { store } = await createStore(id);
    const write = (name: string, owner: string, system?: string) => {
      const entity = mlService(name, { owner, system });
      return assessmentWrite(entity, {
        now: t0,
        domain: system ? 'domain:default/sales' : undefined,
      });
    };
    await store.writeAssessments(
      [
        write('a', 'team-a', 'crm'),
        write('b', 'team-a', 'crm'),
        write('c', 'team-b'),
        write('secret', 'team-secret', 'vault'),
      ].map(w => ({ assessment: w.assessment, sourceResults: [] })),
      t0,
    );
    expect(await store.getFacets({})).toEqual({
      owners: [
        { value: 'group:default/team-a', count: 2 },
        { value: 'group:default/team-b', count: 1 },
        { value: 'group:default/team-secret', count: 1 },
      ],
      systems: [
        { value: 'system:default/crm', count: 2 },
        { value: 'system:default/vault', count: 1 },
      ],
      domains: [{ value: 'domain:default/sales', count: 3 }],
      lifecycles: [{ value: 'production', count: 4 }],
    });
    expect(
      await store.getFacets({
        visibleRefs: ['a', 'c'].map(refOf),
      }),
    ).toEqual({
      owners: [
        { value: 'group:default/team-a', count: 1 },
        { value: 'group:default/team-b', count: 1 },
      ],
      systems: [{ value: 'system:default/crm', count: 1 }],
      domains: [{ value: 'domain:default/sales', count: 1 }],
      lifecycles: [{ value: 'production', count: 2 }],
    });
  });

  it('finds where the trend of the entities scored now starts', async () => {
    const { store } = await createStore(id);
    expect(await store.getFirstAssessedAt({})).toBeUndefined();
    const write = (name: string, owner: string, now: Date) => ({
      assessment: assessmentWrite(mlService(name, { owner }), { now })
        .assessment,
      sourceResults: [],
    });
    await store.writeAssessments([write('early', 'team-a', t0)], t0);
    await store.writeAssessments([write('late', 'team-b', t1)], t1);
    expect(await store.getFirstAssessedAt({})).toEqual(t0);
    expect(
      await store.getFirstAssessedAt({ owner: 'group:default/team-b' }),
    ).toEqual(t1);
    expect(
      await store.getFirstAssessedAt({ visibleRefs: [refOf('late')] }),
    ).toEqual(t1);
    expect(await store.getFirstAssessedAt({ visibleRefs: [] })).toBeUndefined();
  });
});
