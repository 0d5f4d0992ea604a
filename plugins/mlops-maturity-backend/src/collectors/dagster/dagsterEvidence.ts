import type { EvidenceLink } from '@mlops-maturity/plugin-mlops-maturity-common';
import type { CollectedEvidence } from '@mlops-maturity/plugin-mlops-maturity-node';
import type {
  DagsterAssetKey,
  DagsterAssetNode,
  DagsterLocationEntry,
  DagsterRun,
  DagsterSchedule,
  DagsterSensor,
} from './dagsterTypes';

/** The run tags Dagster's scheduler and sensor daemon put on the runs they launch. */
export const SCHEDULE_TAG = 'dagster/schedule_name';
export const SENSOR_TAG = 'dagster/sensor_name';

/**
 * What makes an asset a monitoring asset unless an instance says otherwise
 * (`monitoringAssetPattern`): "monitoring" or "drift" in its key, group or tags.
 */
export const DEFAULT_MONITORING_ASSET_PATTERN = 'monitoring|drift';

const FINISHED = new Set(['SUCCESS', 'FAILURE', 'CANCELED']);

/**
 * What an instance's workspace holds: its code locations, and the definitions of the assets its
 * sensors watch, by key (`a/b`).
 *
 * @internal
 */
export interface DagsterListing {
  locations: Map<string, DagsterLocationEntry>;
  assetNodes: Map<string, DagsterAssetNode>;
}

/**
 * Where `location:repository:job` leads in the workspace: the job with the schedules and sensors
 * that target it, or why there is no such job.
 *
 * @internal
 */
export type DagsterJobLookup =
  | { found: true; schedules: DagsterSchedule[]; sensors: DagsterSensor[] }
  | { found: false; reason: string; loading?: boolean };

/** An asset key as Dagster's UI writes it. */
export const assetKeyString = (key: DagsterAssetKey) => key.path.join('/');

/**
 * Looks a job up in the workspace listing.
 *
 * @internal
 */
export function findJob(
  listing: DagsterListing,
  where: string,
  location: string,
  repository: string,
  job: string,
): DagsterJobLookup {
  const entry = listing.locations.get(location);
  if (!entry) {
    return {
      found: false,
      reason: `Code location "${location}" does not exist in ${where}`,
    };
  }
  const loaded = entry.locationOrLoadError;
  if (!loaded) {
    return {
      found: false,
      loading: true,
      reason: `code location "${location}" of ${where} is still loading`,
    };
  }
  if (loaded.__typename !== 'RepositoryLocation') {
    const message = ('message' in loaded ? loaded.message : '') ?? '';
    const first = message.split('\n').find(l => l.trim()) ?? 'no message';
    return {
      found: false,
      reason: `Code location "${location}" of ${where} failed to load, so nothing in it is scheduled: ${first
        .trim()
        .slice(0, 200)}`,
    };
  }
  const repo = loaded.repositories.find(r => r.name === repository);
  if (!repo) {
    return {
      found: false,
      reason: `Repository "${repository}" does not exist in code location "${location}" of ${where}`,
    };
  }
  if (!repo.jobs.some(j => j.name === job)) {
    return {
      found: false,
      reason: `Job "${job}" does not exist in ${repository}@${location} of ${where}`,
    };
  }
  return {
    found: true,
    schedules: repo.schedules.filter(s => s.pipelineName === job),
    sensors: repo.sensors.filter(s =>
      (s.targets ?? []).some(t => t.pipelineName === job),
    ),
  };
}

/**
 * Whether an asset is a monitoring asset: the pattern matches its key (`a/b`), its group, or one
 * of its tags (`key` or `key=value`).
 *
 * @internal
 */
export function isMonitoringAsset(
  key: DagsterAssetKey,
  node: DagsterAssetNode | undefined,
  pattern: RegExp,
): boolean {
  const names = [
    assetKeyString(key),
    node?.groupName ?? '',
    ...(node?.tags ?? []).flatMap(t => [t.key, `${t.key}=${t.value}`]),
  ];
  return names.some(name => name !== '' && pattern.test(name));
}

/**
 * The first monitoring asset a sensor watches (asset and multi-asset sensors list theirs in
 * `metadata.assetKeys`); undefined when it watches none.
 *
 * @internal
 */
export function monitoringAssetOf(
  sensor: DagsterSensor,
  assetNodes: Map<string, DagsterAssetNode>,
  pattern: RegExp,
): string | undefined {
  const key = (sensor.metadata?.assetKeys ?? []).find(k =>
    isMonitoringAsset(k, assetNodes.get(assetKeyString(k)), pattern),
  );
  return key && assetKeyString(key);
}

/**
 * What the collector knows about the job an entity names.
 *
 * @internal
 */
export interface DagsterJobFacts {
  instance: string;
  baseUrl: string;
  location: string;
  repository: string;
  job: string;
  lookup: DagsterJobLookup;
  /** Runs launched by the job's schedules and sensors, in any order. */
  runs: DagsterRun[];
  /** The entity declares `mlops-maturity.io/retrain-cadence: on-drift`. */
  declaresOnDrift: boolean;
  /** The monitoring asset each of the job's sensors watches, by sensor name. */
  monitoringAssets: Map<string, string>;
  /** The instance's monitoring asset pattern, for messages. */
  monitoringPattern: string;
}

const tag = (run: DagsterRun, key: string) =>
  run.tags.find(t => t.key === key)?.value;

const seconds = (epoch: number | null | undefined) =>
  typeof epoch === 'number' ? new Date(epoch * 1000) : undefined;

/** Newest first, by when Dagster created the run. */
const newestFirst = (runs: DagsterRun[]) =>
  [...runs].sort((a, b) => b.creationTime - a.creationTime);

/** The path of a repository in Dagster's UI: `repo@location`, or the location alone for `__repository__`. */
function repoPath(f: DagsterJobFacts) {
  const location = encodeURIComponent(f.location);
  return f.repository === '__repository__'
    ? location
    : `${encodeURIComponent(f.repository)}@${location}`;
}

const jobLink = (f: DagsterJobFacts): EvidenceLink => ({
  title: `${f.job} in Dagster`,
  url: `${f.baseUrl}/locations/${repoPath(f)}/jobs/${encodeURIComponent(
    f.job,
  )}`,
});

const runLink = (f: DagsterJobFacts, run: DagsterRun): EvidenceLink => ({
  title: `${f.job} run ${run.runId.slice(0, 8)} in Dagster`,
  url: `${f.baseUrl}/runs/${encodeURIComponent(run.runId)}`,
});

const sensorLink = (f: DagsterJobFacts, sensor: string): EvidenceLink => ({
  title: `Sensor ${sensor} in Dagster`,
  url: `${f.baseUrl}/locations/${repoPath(f)}/sensors/${encodeURIComponent(
    sensor,
  )}`,
});

/** Who launched a run: `schedule "x"` or `sensor "y"`. */
function launcher(run: DagsterRun): string {
  const schedule = tag(run, SCHEDULE_TAG);
  return schedule !== undefined
    ? `schedule "${schedule}"`
    : `sensor "${tag(run, SENSOR_TAG)}"`;
}

const OUTCOMES: Record<string, string> = {
  FAILURE: 'failed',
  CANCELED: 'was canceled',
};
const outcome = (status: string) => OUTCOMES[status] ?? status.toLowerCase();

/**
 * Whether a run belongs to the job's repository: runs launched from a code location say which;
 * runs executed in process say nothing and are taken by their job name.
 */
const inRepository = (f: DagsterJobFacts, run: DagsterRun) =>
  !run.repositoryOrigin ||
  (run.repositoryOrigin.repositoryName === f.repository &&
    run.repositoryOrigin.repositoryLocationName === f.location);

/**
 * Evidence that training runs automatically (a running schedule or sensor whose latest run
 * succeeded) and, for entities that retrain on drift, that a sensor watching a monitoring asset
 * launched a successful run: a pure function of what Dagster answered.
 *
 * @internal
 */
export function dagsterJobEvidence(f: DagsterJobFacts): CollectedEvidence[] {
  const pipeline = trainingEvidence(f);
  return f.declaresOnDrift ? [pipeline, driftEvidence(f)] : [pipeline];
}

function trainingEvidence(f: DagsterJobFacts): CollectedEvidence {
  const fail = (message: string, links?: EvidenceLink[]) => ({
    checkId: 'training-pipeline',
    status: 'fail' as const,
    message,
    links,
  });
  if (!f.lookup.found) return fail(f.lookup.reason);
  const { schedules, sensors } = f.lookup;
  if (schedules.length === 0 && sensors.length === 0) {
    return fail(
      `Job "${f.job}" has no schedule or sensor; it runs only when launched by hand`,
      [jobLink(f)],
    );
  }
  const running = [
    ...schedules
      .filter(s => s.scheduleState.status === 'RUNNING')
      .map(
        s =>
          `schedule "${s.name}"${s.cronSchedule ? ` (${s.cronSchedule})` : ''}`,
      ),
    ...sensors
      .filter(s => s.sensorState.status === 'RUNNING')
      .map(s => `sensor "${s.name}"`),
  ];
  if (running.length === 0) {
    const names = [...schedules, ...sensors].map(i => i.name).join(', ');
    return fail(
      `Every schedule and sensor of job "${f.job}" is stopped (${names}); start one in Dagster`,
      [jobLink(f)],
    );
  }
  const names = new Set([
    ...schedules.map(s => `${SCHEDULE_TAG}=${s.name}`),
    ...sensors.map(s => `${SENSOR_TAG}=${s.name}`),
  ]);
  const launchedBy = (run: DagsterRun) =>
    names.has(`${SCHEDULE_TAG}=${tag(run, SCHEDULE_TAG)}`) ||
    names.has(`${SENSOR_TAG}=${tag(run, SENSOR_TAG)}`);
  const [latest] = newestFirst(
    f.runs.filter(
      r => FINISHED.has(r.status) && launchedBy(r) && inRepository(f, r),
    ),
  );
  if (!latest) {
    return fail(
      `Job "${f.job}" has not finished a run launched by its schedules or sensors yet`,
      [jobLink(f)],
    );
  }
  if (latest.status !== 'SUCCESS') {
    return fail(
      `The latest run of job "${f.job}" launched by ${launcher(
        latest,
      )} ${outcome(latest.status)}`,
      [runLink(f, latest), jobLink(f)],
    );
  }
  return {
    checkId: 'training-pipeline',
    status: 'pass',
    message: `Job "${f.job}" runs from ${running.join(
      ', ',
    )}; its latest run, launched by ${launcher(latest)}, succeeded`,
    observedAt: seconds(latest.endTime ?? latest.startTime),
    links: [runLink(f, latest), jobLink(f)],
    details: {
      job: `${f.location}:${f.repository}:${f.job}`,
      runId: latest.runId,
      launchedBy: launcher(latest),
    },
  };
}

function driftEvidence(f: DagsterJobFacts): CollectedEvidence {
  const fail = (message: string, links?: EvidenceLink[]) => ({
    checkId: 'drift-triggered-retraining',
    status: 'fail' as const,
    message,
    links,
  });
  if (!f.lookup.found) return fail(f.lookup.reason);
  const monitors = f.lookup.sensors.filter(s => f.monitoringAssets.has(s.name));
  if (monitors.length === 0) {
    const watched = f.lookup.sensors
      .filter(s => s.metadata?.assetKeys?.length)
      .map(
        s =>
          `"${s.name}" watches ${s
            .metadata!.assetKeys!.map(assetKeyString)
            .join(', ')}`,
      );
    return fail(
      `No sensor of job "${
        f.job
      }" watches a monitoring asset (key, group or tag matching /${
        f.monitoringPattern
      }/i)${watched.length ? `; ${watched.join('; ')}` : ''}`,
      [jobLink(f)],
    );
  }
  const running = monitors.filter(s => s.sensorState.status === 'RUNNING');
  if (running.length === 0) {
    return fail(
      `Sensor "${
        monitors[0].name
      }", which watches monitoring asset ${f.monitoringAssets.get(
        monitors[0].name,
      )}, is stopped`,
      [sensorLink(f, monitors[0].name)],
    );
  }
  const sensorNames = new Set(running.map(s => s.name));
  const [run] = newestFirst(
    f.runs.filter(
      r =>
        r.status === 'SUCCESS' &&
        sensorNames.has(tag(r, SENSOR_TAG) ?? '') &&
        inRepository(f, r),
    ),
  );
  if (!run) {
    return fail(
      `Sensor "${
        running[0].name
      }" watches monitoring asset ${f.monitoringAssets.get(
        running[0].name,
      )} but has not launched a successful run of "${f.job}"`,
      [sensorLink(f, running[0].name)],
    );
  }
  const sensor = tag(run, SENSOR_TAG)!;
  return {
    checkId: 'drift-triggered-retraining',
    status: 'pass',
    message: `"${
      f.job
    }" retrained in a run launched by sensor "${sensor}" on monitoring asset ${f.monitoringAssets.get(
      sensor,
    )}; it succeeded`,
    observedAt: seconds(run.endTime ?? run.startTime),
    links: [runLink(f, run), sensorLink(f, sensor)],
    details: { runId: run.runId, sensor },
  };
}
