import { ConfigReader } from '@backstage/config';
import { dagsterHeaders } from './DagsterCollector';
import {
  dagsterJobEvidence,
  DagsterJobFacts,
  DagsterListing,
  DEFAULT_MONITORING_ASSET_PATTERN,
  findJob,
  isMonitoringAsset,
  monitoringAssetOf,
} from './dagsterEvidence';
import { jobRunsQuery } from './dagsterQueries';
import type {
  DagsterLocationEntry,
  DagsterRepository,
  DagsterRun,
  DagsterSchedule,
  DagsterSensor,
} from './dagsterTypes';

const pattern = new RegExp(DEFAULT_MONITORING_ASSET_PATTERN, 'i');
const NOW = 1_796_000_000;

const schedule = (status = 'RUNNING'): DagsterSchedule => ({
  name: 'train_daily',
  pipelineName: 'train',
  cronSchedule: '0 3 * * *',
  scheduleState: { status },
});

const driftSensor = (status = 'RUNNING'): DagsterSensor => ({
  name: 'drift_sensor',
  sensorType: 'ASSET',
  sensorState: { status },
  targets: [{ pipelineName: 'train' }],
  metadata: { assetKeys: [{ path: ['churn', 'psi_report'] }] },
});

const run = (
  id: string,
  status: string,
  tags: Record<string, string>,
  ago: number,
  repositoryOrigin?: DagsterRun['repositoryOrigin'],
): DagsterRun => ({
  runId: id,
  status,
  creationTime: NOW - ago,
  startTime: NOW - ago + 1,
  endTime: NOW - ago + 60,
  tags: Object.entries(tags).map(([key, value]) => ({ key, value })),
  repositoryOrigin,
});

const scheduled = (id: string, status: string, ago: number) =>
  run(id, status, { 'dagster/schedule_name': 'train_daily' }, ago);
const bySensor = (id: string, status: string, ago: number) =>
  run(id, status, { 'dagster/sensor_name': 'drift_sensor' }, ago);

/** A job that passes both checks: a running schedule and drift sensor, each with a success. */
function facts(overrides: Partial<DagsterJobFacts> = {}): DagsterJobFacts {
  return {
    instance: 'prod',
    baseUrl: 'https://dagster.example',
    location: 'loc',
    repository: 'repo',
    job: 'train',
    lookup: {
      found: true,
      schedules: [schedule()],
      sensors: [driftSensor()],
    },
    runs: [scheduled('s1', 'SUCCESS', 100), bySensor('d1', 'SUCCESS', 500)],
    declaresOnDrift: true,
    monitoringAssets: new Map([['drift_sensor', 'churn/psi_report']]),
    monitoringPattern: DEFAULT_MONITORING_ASSET_PATTERN,
    ...overrides,
  };
}

const result = (f: DagsterJobFacts, checkId: string) =>
  dagsterJobEvidence(f).find(e => e.checkId === checkId)!;

describe('dagsterJobEvidence: training-pipeline', () => {
  it('passes a running schedule whose latest run succeeded, observed when it ended', () => {
    expect(result(facts(), 'training-pipeline')).toMatchObject({
      status: 'pass',
      message:
        'Job "train" runs from schedule "train_daily" (0 3 * * *), sensor "drift_sensor"; its latest run, launched by schedule "train_daily", succeeded',
      observedAt: new Date((NOW - 40) * 1000),
      links: [
        { url: 'https://dagster.example/runs/s1' },
        { url: 'https://dagster.example/locations/repo@loc/jobs/train' },
      ],
    });
  });

  // Each row breaks one pass rule.
  it.each<[string, Partial<DagsterJobFacts>, string]>([
    [
      'the job does not exist',
      { lookup: { found: false, reason: 'Job "train" does not exist' } },
      'Job "train" does not exist',
    ],
    [
      'no schedule or sensor targets it',
      { lookup: { found: true, schedules: [], sensors: [] } },
      'has no schedule or sensor; it runs only when launched by hand',
    ],
    [
      'every schedule and sensor is stopped',
      {
        lookup: {
          found: true,
          schedules: [schedule('STOPPED')],
          sensors: [driftSensor('STOPPED')],
        },
      },
      'is stopped (train_daily, drift_sensor); start one in Dagster',
    ],
    [
      'no run was launched by them',
      { runs: [run('m1', 'SUCCESS', {}, 10)] },
      'has not finished a run launched by its schedules or sensors yet',
    ],
    [
      'the runs were launched by another schedule',
      {
        runs: [run('o1', 'SUCCESS', { 'dagster/schedule_name': 'other' }, 10)],
      },
      'has not finished a run launched by its schedules or sensors yet',
    ],
    [
      'the runs are of the same job name in another repository',
      {
        runs: [
          run('r1', 'SUCCESS', { 'dagster/schedule_name': 'train_daily' }, 10, {
            repositoryName: 'other',
            repositoryLocationName: 'loc',
          }),
        ],
      },
      'has not finished a run launched by its schedules or sensors yet',
    ],
    [
      'the latest scheduled run failed after an earlier success',
      {
        runs: [
          scheduled('s1', 'SUCCESS', 100_000),
          scheduled('s2', 'FAILURE', 10),
        ],
      },
      'The latest run of job "train" launched by schedule "train_daily" failed',
    ],
    [
      'the latest sensor run was canceled',
      {
        runs: [
          scheduled('s1', 'SUCCESS', 100_000),
          bySensor('d2', 'CANCELED', 10),
        ],
      },
      'launched by sensor "drift_sensor" was canceled',
    ],
    [
      'the only run is still in progress',
      { runs: [scheduled('s3', 'STARTED', 10)] },
      'has not finished a run launched by its schedules or sensors yet',
    ],
  ])('fails when %s', (_, overrides, message) => {
    const evidence = result(facts(overrides), 'training-pipeline');
    expect(evidence.status).toBe('fail');
    expect(evidence.message).toContain(message);
  });

  it('takes runs executed in process, which name no repository, by their job', () => {
    expect(
      result(
        facts({
          runs: [
            run(
              'r1',
              'SUCCESS',
              { 'dagster/schedule_name': 'train_daily' },
              10,
              {
                repositoryName: 'repo',
                repositoryLocationName: 'loc',
              },
            ),
          ],
        }),
        'training-pipeline',
      ).status,
    ).toBe('pass');
  });

  it('links a job of a location without a named repository as the UI does', () => {
    expect(
      result(
        facts({ repository: '__repository__', location: 'a b' }),
        'training-pipeline',
      ).links![1].url,
    ).toBe('https://dagster.example/locations/a%20b/jobs/train');
  });
});

describe('dagsterJobEvidence: drift-triggered-retraining', () => {
  it('passes a successful run launched by a running sensor on a monitoring asset', () => {
    expect(result(facts(), 'drift-triggered-retraining')).toMatchObject({
      status: 'pass',
      message:
        '"train" retrained in a run launched by sensor "drift_sensor" on monitoring asset churn/psi_report; it succeeded',
      observedAt: new Date((NOW - 440) * 1000),
      links: [
        { url: 'https://dagster.example/runs/d1' },
        {
          url: 'https://dagster.example/locations/repo@loc/sensors/drift_sensor',
        },
      ],
    });
  });

  it('says nothing of drift unless the entity retrains on drift', () => {
    expect(
      dagsterJobEvidence(facts({ declaresOnDrift: false })).map(e => e.checkId),
    ).toEqual(['training-pipeline']);
  });

  // Each row breaks one pass rule.
  it.each<[string, Partial<DagsterJobFacts>, string]>([
    [
      'the job does not exist',
      { lookup: { found: false, reason: 'Job "train" does not exist' } },
      'Job "train" does not exist',
    ],
    [
      'no sensor watches a monitoring asset',
      { monitoringAssets: new Map() },
      'No sensor of job "train" watches a monitoring asset (key, group or tag matching /monitoring|drift/i); "drift_sensor" watches churn/psi_report',
    ],
    [
      'the monitoring sensor is stopped',
      {
        lookup: {
          found: true,
          schedules: [schedule()],
          sensors: [driftSensor('STOPPED')],
        },
      },
      'Sensor "drift_sensor", which watches monitoring asset churn/psi_report, is stopped',
    ],
    [
      'the monitoring sensor never launched a successful run',
      {
        runs: [scheduled('s1', 'SUCCESS', 100), bySensor('d1', 'FAILURE', 500)],
      },
      'watches monitoring asset churn/psi_report but has not launched a successful run of "train"',
    ],
    [
      'only a schedule launched successful runs',
      { runs: [scheduled('s1', 'SUCCESS', 100)] },
      'has not launched a successful run',
    ],
  ])('fails when %s', (_, overrides, message) => {
    const evidence = result(facts(overrides), 'drift-triggered-retraining');
    expect(evidence.status).toBe('fail');
    expect(evidence.message).toContain(message);
  });
});

describe('monitoring assets', () => {
  it.each<[string, Parameters<typeof isMonitoringAsset>[1], string[], boolean]>(
    [
      ['a key under monitoring', undefined, ['monitoring', 'churn'], true],
      ['a key naming drift', undefined, ['churn', 'feature_drift'], true],
      [
        'a monitoring group',
        { assetKey: { path: ['x'] }, groupName: 'model_monitoring' },
        ['x'],
        true,
      ],
      [
        'a monitoring tag',
        {
          assetKey: { path: ['x'] },
          groupName: 'default',
          tags: [{ key: 'purpose', value: 'drift' }],
        },
        ['x'],
        true,
      ],
      [
        'raw data',
        {
          assetKey: { path: ['raw', 'orders'] },
          groupName: 'ingestion',
          tags: [],
        },
        ['raw', 'orders'],
        false,
      ],
    ],
  )('tells %s', (_, node, path, expected) => {
    expect(isMonitoringAsset({ path }, node, pattern)).toBe(expected);
  });

  it('finds the monitoring asset among those a multi-asset sensor watches', () => {
    const sensor: DagsterSensor = {
      ...driftSensor(),
      sensorType: 'MULTI_ASSET',
      metadata: {
        assetKeys: [{ path: ['raw', 'orders'] }, { path: ['churn', 'psi'] }],
      },
    };
    const nodes = new Map([
      [
        'churn/psi',
        { assetKey: { path: ['churn', 'psi'] }, groupName: 'monitoring' },
      ],
    ]);
    expect(monitoringAssetOf(sensor, nodes, pattern)).toBe('churn/psi');
    expect(monitoringAssetOf(sensor, new Map(), pattern)).toBeUndefined();
    expect(
      monitoringAssetOf(
        { ...sensor, metadata: { assetKeys: null } },
        nodes,
        pattern,
      ),
    ).toBeUndefined();
  });
});

describe('findJob', () => {
  const repository: DagsterRepository = {
    name: 'repo',
    jobs: [{ name: 'train' }],
    schedules: [
      schedule(),
      { ...schedule(), name: 'other', pipelineName: 'other' },
    ],
    sensors: [driftSensor()],
  };
  const listing = (
    locationOrLoadError: DagsterLocationEntry['locationOrLoadError'],
  ): DagsterListing => ({
    locations: new Map([['loc', { name: 'loc', locationOrLoadError }]]),
    assetNodes: new Map(),
  });
  const loaded = listing({
    __typename: 'RepositoryLocation',
    repositories: [repository],
  });

  it('finds the job with the schedules and sensors that target it', () => {
    expect(findJob(loaded, 'Dagster prod', 'loc', 'repo', 'train')).toEqual({
      found: true,
      schedules: [schedule()],
      sensors: [driftSensor()],
    });
  });

  it.each([
    [
      'loc',
      'repo',
      'nope',
      'Job "nope" does not exist in repo@loc of Dagster prod',
    ],
    [
      'loc',
      'nope',
      'train',
      'Repository "nope" does not exist in code location "loc" of Dagster prod',
    ],
    [
      'nope',
      'repo',
      'train',
      'Code location "nope" does not exist in Dagster prod',
    ],
  ])('says what is missing in %s:%s:%s', (location, repo, job, reason) => {
    expect(findJob(loaded, 'Dagster prod', location, repo, job)).toEqual({
      found: false,
      reason,
    });
  });

  it('fails a job whose code location does not load, and waits for one that is loading', () => {
    expect(
      findJob(
        listing({
          __typename: 'PythonError',
          message: '\nImportError: no module named x\n  at ...',
        }),
        'Dagster prod',
        'loc',
        'repo',
        'train',
      ),
    ).toEqual({
      found: false,
      reason:
        'Code location "loc" of Dagster prod failed to load, so nothing in it is scheduled: ImportError: no module named x',
    });
    expect(
      findJob(listing(null), 'Dagster prod', 'loc', 'repo', 'train'),
    ).toMatchObject({
      found: false,
      loading: true,
    });
  });
});

describe('jobRunsQuery', () => {
  it('asks for each instigator under its own alias, values as variables', () => {
    const { query, variables } = jobRunsQuery('train', [
      {
        alias: 'schedule0',
        tag: 'dagster/schedule_name',
        instigator: 'a"b',
        statuses: ['SUCCESS'],
      },
      {
        alias: 'sensor0',
        tag: 'dagster/sensor_name',
        instigator: 's',
        statuses: ['SUCCESS', 'FAILURE'],
      },
    ]);
    expect(query).toContain(
      'query MlopsMaturityJobRuns($job: String!, $v0: String!, $v1: String!)',
    );
    expect(query).toContain('schedule0: runsOrError(');
    expect(query).toContain(
      'tags: [{ key: "dagster/sensor_name", value: $v1 }]',
    );
    expect(query).not.toContain('a"b');
    expect(variables).toEqual({ job: 'train', v0: 'a"b', v1: 's' });
  });
});

describe('dagsterHeaders', () => {
  const instance = (settings: object) => ({
    name: 'prod',
    baseUrl: 'https://x',
    ...settings,
    config: new ConfigReader(settings),
  });

  it('sends a token as a Dagster+ API token, or as a bearer token when told', () => {
    expect(dagsterHeaders(instance({ token: 't' }))).toEqual({
      'Dagster-Cloud-Api-Token': 't',
    });
    expect(
      dagsterHeaders(instance({ token: 't', tokenHeader: 'Authorization' })),
    ).toEqual({ Authorization: 'Bearer t' });
    expect(dagsterHeaders(instance({ username: 'u', password: 'p' }))).toEqual({
      Authorization: `Basic ${Buffer.from('u:p').toString('base64')}`,
    });
    expect(dagsterHeaders(instance({}))).toEqual({});
  });
});
