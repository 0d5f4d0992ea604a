import type { Knex } from 'knex';
import { mlService } from '../__testUtils__/assessments';
import { createStore, databases, storeWrite } from './__testUtils__/testStore';
import type { SourceResult } from './MaturityStore';

jest.setTimeout(60_000);

const t0 = new Date('2026-11-26T12:00:00Z');
const later = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
const churn = 'component:default/churn';

const pass: SourceResult = {
  checkId: 'experiment-tracking',
  source: 'mlflow',
  status: 'pass',
  message: 'runs logged',
  links: [
    { title: 'Experiment', url: 'https://mlflow.example/#/experiments/1' },
  ],
  observedAt: new Date('2026-11-25T08:30:00.123Z'),
  verifiedAt: t0,
  details: { runs: 12, latest: { id: 'r1', tags: ['a'] } },
};
const fail: SourceResult = {
  checkId: 'training-pipeline',
  source: 'airflow',
  status: 'fail',
  message: 'last DAG run failed',
  links: [],
  verifiedAt: t0,
};
const repository: SourceResult = {
  checkId: 'training-script',
  source: 'repository',
  status: 'pass',
  message: 'src/train.py exists',
  links: [],
  verifiedAt: t0,
};

/** Counts the statements that change source results, also inside transactions. */
function countSourceResultWrites(knex: Knex) {
  const seen: string[] = [];
  const listener = (q: { sql: string }) => {
    if (
      /mlops_source_results/.test(q.sql) &&
      /^\s*(insert|update|delete)/i.test(q.sql)
    ) {
      seen.push(q.sql);
    }
  };
  knex.on('query', listener);
  return {
    get count() {
      return seen.length;
    },
    stop: () => knex.off('query', listener),
  };
}

describe.each(databases.eachSupportedId())('SourceResultsTable on %p', id => {
  const write = (sourceResults: SourceResult[], at = t0) =>
    storeWrite(mlService('churn', { level: 1 }), { now: at, sourceResults });

  it('reads back what each source verified, pass and fail', async () => {
    const { store } = await createStore(id);
    await store.writeAssessments([write([pass, fail, repository])], t0);
    const results = await store.getSourceResults([
      churn,
      'component:default/other',
    ]);
    expect([...results.keys()]).toEqual([churn]);
    expect(results.get(churn)).toEqual(
      expect.arrayContaining([pass, fail, repository]),
    );
    expect(results.get(churn)).toHaveLength(3);
    const stored = results.get(churn)!.find(r => r.source === 'airflow')!;
    expect(stored).not.toHaveProperty('observedAt');
    expect(stored).not.toHaveProperty('details');
    expect(stored.verifiedAt).toBeInstanceOf(Date);
  });

  it('replaces the set of an entity, dropping results not written again', async () => {
    const { store } = await createStore(id);
    const other = storeWrite(mlService('fraud', { level: 1 }), {
      sourceResults: [repository],
    });
    await store.writeAssessments([write([pass, fail]), other], t0);
    const moved = { ...pass, verifiedAt: later(30), message: 'more runs' };
    await store.writeAssessments(
      [write([moved, repository], later(30)), other],
      later(30),
    );
    const results = await store.getSourceResults([
      churn,
      'component:default/fraud',
    ]);
    expect(results.get(churn)).toEqual(
      expect.arrayContaining([moved, repository]),
    );
    expect(results.get(churn)).toHaveLength(2);
    expect(results.get('component:default/fraud')).toEqual([repository]);

    await store.writeAssessments([write([])], later(60));
    expect((await store.getSourceResults([churn])).has(churn)).toBe(false);
  });

  it('writes no source result rows when the same results are written again', async () => {
    const { store, knex } = await createStore(id);
    const writes = () => [
      write([pass, fail, repository]),
      storeWrite(mlService('fraud', { level: 2 }), {
        sourceResults: [{ ...pass }, { ...repository }],
      }),
    ];
    const writesCounter = countSourceResultWrites(knex);
    await store.writeAssessments(writes(), t0);
    expect(writesCounter.count).toBeGreaterThan(0);
    const first = writesCounter.count;
    await store.writeAssessments(writes(), later(30));
    expect(writesCounter.count).toBe(first);

    // A source that re-verified an answer moves only that row, though the assessment is unchanged.
    const reverified = { ...repository, verifiedAt: later(60) };
    expect(
      await store.writeAssessments(
        [write([pass, fail, reverified], later(60))],
        later(60),
      ),
    ).toEqual({ rewritten: 0, historyRows: 0 });
    expect(writesCounter.count).toBe(first + 1);
    writesCounter.stop();
    const [{ n }] = await knex('mlops_source_results')
      .where('verified_at', '>', later(30))
      .count({ n: '*' });
    expect(Number(n)).toBe(1);
    expect(
      (await store.getSourceResults([churn]))
        .get(churn)!
        .find(r => r.source === 'repository')!.verifiedAt,
    ).toEqual(later(60));
  });

  it('stores text and dates from tools that PostgreSQL would refuse or clients misread', async () => {
    const { store, knex } = await createStore(id);
    const farFuture = new Date('+020000-01-01T00:00:00.000Z');
    const hostile: SourceResult = {
      checkId: 'experiment-tracking',
      source: `mlflow-${'x'.repeat(300)}`,
      status: 'pass',
      message: 'run\u0000 name',
      links: [{ title: 'a\u0000b', url: 'https://mlflow.example/\u0000' }],
      observedAt: farFuture,
      verifiedAt: t0,
      details: { note: 'x\u0000y' },
    };
    const invalid: SourceResult = {
      ...fail,
      observedAt: new Date(Number.NaN),
    };
    const unverifiable: SourceResult = { ...repository, verifiedAt: farFuture };
    const w = write([hostile, invalid, unverifiable]);
    w.assessment.checks[0] = {
      ...w.assessment.checks[0],
      observedAt: farFuture.toISOString(),
    };
    await store.writeAssessments([w], t0);

    const results = (await store.getSourceResults([churn])).get(churn)!;
    expect(results).toHaveLength(2);
    const stored = results.find(r => r.checkId === 'experiment-tracking')!;
    expect(stored).toEqual({
      checkId: 'experiment-tracking',
      source: `mlflow-${'x'.repeat(248)}`,
      status: 'pass',
      message: 'run name',
      links: [{ title: 'ab', url: 'https://mlflow.example/' }],
      verifiedAt: t0,
      details: { note: 'xy' },
    });
    expect(
      results.find(r => r.checkId === 'training-pipeline'),
    ).not.toHaveProperty('observedAt');
    // What was cleaned compares equal to the next write of the same results.
    const writesCounter = countSourceResultWrites(knex);
    await store.writeAssessments([w], later(1));
    writesCounter.stop();
    expect(writesCounter.count).toBe(0);
  });
});
