import { airflowDagEvidence } from './airflowEvidence';
import type { AirflowDag, AirflowDagRun } from './airflowTypes';
import {
  ToolAnswerTooLargeError,
  ToolHttpClient,
} from '@mlops-maturity/plugin-mlops-maturity-node';
import {
  newestFirst,
  readDagRuns,
  RUNS_PER_DAG,
  runsSettle,
} from './readDagRuns';

const DAY_MS = 86_400_000;
const NOW = Date.parse('2026-11-30T06:00:00Z');

/** A small deterministic random number generator, so that a failure can be replayed. */
function generator(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

const pick = <T>(random: () => number, items: T[]) =>
  items[Math.floor(random() * items.length)];

/**
 * A DAG's runs in the order Airflow created them (row order): mostly newer each time, with
 * backfills of older days, and many runs due at the same midnight.
 */
function history(random: () => number, version: 'v1' | 'v2') {
  const runs: AirflowDagRun[] = [];
  const count = Math.floor(random() * 70);
  const seen = new Set<number>();
  for (let row = 0; row < count; row++) {
    let day = Math.floor(60 - (row * 60) / Math.max(count, 1));
    if (random() < 0.15) day = Math.floor(random() * 90);
    let at = NOW - day * DAY_MS - (NOW % DAY_MS);
    if (random() < 0.3) at += Math.floor(random() * DAY_MS);
    // v1's execution_date is unique per DAG.
    if (version === 'v1') {
      while (seen.has(at)) at += 1000;
      seen.add(at);
    }
    const date = new Date(at).toISOString();
    runs.push({
      dag_run_id: `run-${row}`,
      dag_id: 'train',
      run_type: pick(random, [
        'scheduled',
        'scheduled',
        'manual',
        'asset_triggered',
        'backfill',
      ]),
      state: pick(random, ['success', 'failed', 'failed', 'running']),
      end_date: date,
      ...(version === 'v2' ? { run_after: date } : { execution_date: date }),
    });
  }
  return runs;
}

/** What `GET …/dagRuns?order_by=-run_after&limit=25` answers: ties by the newest row first. */
function perDagAnswer(runs: AirflowDagRun[], version: 'v1' | 'v2') {
  const at = (r: AirflowDagRun) =>
    Date.parse((version === 'v2' ? r.run_after : r.execution_date)!);
  return runs
    .map((run, row) => ({ run, row }))
    .sort((a, b) => at(b.run) - at(a.run) || b.row - a.row)
    .map(({ run }) => run)
    .slice(0, RUNS_PER_DAG);
}

const dag = (summary: string): AirflowDag => ({
  dag_id: 'train',
  is_paused: false,
  is_stale: false,
  timetable_summary: summary,
});

function evidence(runs: AirflowDagRun[], summary: string, onDrift: boolean) {
  return airflowDagEvidence({
    instance: 'prod',
    baseUrl: 'http://airflow',
    apiVersion: 'v2',
    dagId: 'train',
    dag: dag(summary),
    dagsById: new Map(),
    runs,
    upstreamEvents: onDrift ? [] : undefined,
  });
}

describe('reading runs in batches', () => {
  it.each(['v1', 'v2'] as const)(
    'decides every DAG as asking it alone would (%s)',
    version => {
      const random = generator(version === 'v1' ? 7 : 11);
      // How many DAGs each window settled: the newest, the next, the rest.
      const settledBy = [0, 0, 0];
      for (let i = 0; i < 2000; i++) {
        const runs = history(random, version);
        const newest = NOW - Math.floor(random() * 10) * DAY_MS;
        const next = newest - Math.floor(random() * 30) * DAY_MS;
        const at = (r: AirflowDagRun) =>
          Date.parse((version === 'v2' ? r.run_after : r.execution_date)!);
        // What the batched reads return for this DAG, each window in row order.
        const windows = [
          runs.filter(r => at(r) >= newest),
          runs.filter(r => at(r) >= next && at(r) < newest),
          runs.filter(r => at(r) < next),
        ].map(w => newestFirst(w, version));
        const expected = perDagAnswer(runs, version);
        // Newest first as Airflow orders them, the newer windows' runs before the older ones.
        expect(newestFirst(runs, version).slice(0, RUNS_PER_DAG)).toEqual(
          expected,
        );
        expect(windows.flat()).toEqual(newestFirst(runs, version));
        for (const onDrift of [false, true]) {
          let read: AirflowDagRun[] = [];
          let window = 0;
          for (; window < windows.length; window++) {
            read = [...read, ...windows[window]];
            if (window === windows.length - 1 || runsSettle(read, onDrift)) {
              break;
            }
          }
          settledBy[window]++;
          for (const summary of ['@daily', 'Asset']) {
            expect(
              evidence(read.slice(0, RUNS_PER_DAG), summary, onDrift),
            ).toEqual(evidence(expected, summary, onDrift));
          }
        }
      }
      // Every window settled many DAGs.
      for (const count of settledBy) expect(count).toBeGreaterThan(300);
    },
  );

  it('orders runs due at the same time as Airflow does: the newest row first', () => {
    const at = '2026-11-30T00:00:00Z';
    const runs = ['a', 'b', 'c'].map(id => ({
      dag_run_id: id,
      dag_id: 'train',
      run_after: id === 'b' ? '2026-11-29T00:00:00Z' : at,
    }));
    expect(newestFirst(runs, 'v2').map(r => r.dag_run_id)).toEqual([
      'c',
      'a',
      'b',
    ]);
  });

  it('takes a success among the newest runs as settling, whatever older runs hold', () => {
    const run = (type: string, state: string): AirflowDagRun => ({
      dag_run_id: `${type}-${state}`,
      dag_id: 'train',
      run_type: type,
      state,
    });
    expect(runsSettle([run('scheduled', 'success')], false)).toBe(true);
    expect(runsSettle([run('manual', 'success')], false)).toBe(false);
    expect(runsSettle([run('scheduled', 'failed')], false)).toBe(false);
    expect(runsSettle([], false)).toBe(false);
    // Retraining on drift also needs the latest data-triggered success.
    expect(runsSettle([run('scheduled', 'success')], true)).toBe(false);
    expect(runsSettle([run('asset_triggered', 'success')], true)).toBe(true);
    expect(
      runsSettle(
        Array.from({ length: RUNS_PER_DAG }, () => run('manual', 'failed')),
        true,
      ),
    ).toBe(true);
  });
});

describe('pages too large for the instance', () => {
  /** 300 runs of 30 DAGs in row order, a minute apart, all inside the two-day window. */
  const runs: AirflowDagRun[] = Array.from({ length: 300 }, (_, i) => ({
    dag_run_id: `run-${i}`,
    dag_id: `dag_${i % 30}`,
    run_type: 'scheduled',
    state: 'success',
    run_after: new Date(NOW - 60_000 * (300 - i)).toISOString(),
  }));

  it('asks again at half the page until an answer fits, and reads every run', async () => {
    const asked: number[] = [];
    // The client as the collector uses it: an answer of more than 120 runs is too large.
    const client = {
      postJson: jest.fn(async (_path: string, body: any) => {
        asked.push(body.page_limit);
        if (body.page_limit > 120) {
          throw new ToolAnswerTooLargeError('more than the limit');
        }
        const page = runs.slice(
          body.page_offset,
          body.page_offset + body.page_limit,
        );
        return { dag_runs: page, total_entries: runs.length };
      }),
    } as unknown as ToolHttpClient;
    const needs = new Map(
      Array.from({ length: 30 }, (_, i) => [`dag_${i}`, false]),
    );
    const read = await readDagRuns(needs, { client, version: 'v2', now: NOW });

    expect(asked).toEqual([5000, 2500, 1250, 625, 312, 156, 100, 100, 100]);
    for (const id of needs.keys()) {
      const own = runs.filter(r => r.dag_id === id);
      expect(read.get(id)).toEqual(
        newestFirst(own, 'v2').slice(0, RUNS_PER_DAG),
      );
    }
  });

  it('gives up below a page of 100: the instance is unavailable for those DAGs', async () => {
    const client = {
      postJson: jest.fn(async () => {
        throw new ToolAnswerTooLargeError('more than the limit');
      }),
    } as unknown as ToolHttpClient;
    const needs = new Map(['dag_0', 'dag_1', 'dag_2'].map(id => [id, false]));
    await expect(
      readDagRuns(needs, { client, version: 'v2', now: NOW }),
    ).rejects.toBeInstanceOf(ToolAnswerTooLargeError);
    expect(client.postJson).toHaveBeenCalledTimes(7);
  });
});
