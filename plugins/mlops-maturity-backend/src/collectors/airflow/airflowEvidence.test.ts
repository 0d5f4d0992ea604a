import { airflowDagEvidence, dagRunsMatter } from './airflowEvidence';
import type { AirflowDag, AirflowDagRun } from './airflowTypes';

const scheduled: AirflowDag = {
  dag_id: 'train',
  is_paused: false,
  is_stale: false,
  timetable_summary: '@daily',
};

const dags: Array<[string, AirflowDag | undefined]> = [
  ['missing', undefined],
  ['scheduled (v2)', scheduled],
  ['asset-triggered (v2)', { ...scheduled, timetable_summary: 'Asset' }],
  ['stale (v2)', { ...scheduled, is_stale: true }],
  ['paused', { ...scheduled, is_paused: true }],
  ['manual only (v2)', { ...scheduled, timetable_summary: null }],
  ['once (v2)', { ...scheduled, timetable_summary: '@once' }],
  [
    'scheduled (v1)',
    {
      dag_id: 'train',
      is_paused: false,
      is_active: true,
      schedule_interval: { __type: 'CronExpression', value: '@daily' },
    },
  ],
  [
    'inactive (v1)',
    {
      dag_id: 'train',
      is_paused: false,
      is_active: false,
      schedule_interval: { __type: 'CronExpression', value: '@daily' },
    },
  ],
];

const success: AirflowDagRun = {
  dag_run_id: 'scheduled__1',
  dag_id: 'train',
  run_type: 'scheduled',
  state: 'success',
  end_date: '2026-11-01T00:00:00Z',
};

describe('dagRunsMatter', () => {
  it.each(dags)(
    'says whether the evidence of a %s DAG reads its runs',
    (_, dag) => {
      const facts = {
        instance: 'prod',
        baseUrl: 'http://airflow',
        apiVersion: 'v2' as const,
        dagId: 'train',
        dag,
        dagsById: new Map(),
        upstreamEvents: [],
      };
      const withoutRuns = airflowDagEvidence({ ...facts, runs: [] });
      const withRuns = airflowDagEvidence({ ...facts, runs: [success] });
      // The collector reads runs only for the DAGs it says; for the others they change nothing.
      expect(dagRunsMatter(dag)).toBe(
        JSON.stringify(withoutRuns) !== JSON.stringify(withRuns),
      );
    },
  );

  it('reads the runs of scheduled and data-triggered DAGs only', () => {
    expect(
      dags.filter(([, dag]) => dagRunsMatter(dag)).map(([name]) => name),
    ).toEqual(['scheduled (v2)', 'asset-triggered (v2)', 'scheduled (v1)']);
  });
});
