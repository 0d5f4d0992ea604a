/**
 * The parts of Dagster's GraphQL answers the collector reads (the webserver's `/graphql`, OSS and
 * Dagster+ alike; `*OrError` fields are unions told apart by `__typename`).
 */

export interface DagsterAssetKey {
  path: string[];
}

export interface DagsterInstigationState {
  /** `RUNNING` or `STOPPED`; a default status declared in code shows as either. */
  status: string;
}

export interface DagsterSchedule {
  name: string;
  pipelineName: string;
  cronSchedule?: string;
  scheduleState: DagsterInstigationState;
}

export interface DagsterSensor {
  name: string;
  /** `STANDARD`, `ASSET`, `MULTI_ASSET`, `RUN_STATUS`, `AUTOMATION`, … */
  sensorType?: string;
  sensorState: DagsterInstigationState;
  targets?: Array<{ pipelineName: string }> | null;
  /** The assets an asset or multi-asset sensor watches. */
  metadata?: { assetKeys?: DagsterAssetKey[] | null } | null;
}

export interface DagsterRepository {
  name: string;
  jobs: Array<{ name: string }>;
  schedules: DagsterSchedule[];
  sensors: DagsterSensor[];
}

export interface DagsterLocationEntry {
  name: string;
  loadStatus?: string;
  locationOrLoadError?:
    | { __typename: 'RepositoryLocation'; repositories: DagsterRepository[] }
    | { __typename: 'PythonError'; message: string }
    | null;
}

export interface DagsterWorkspaceAnswer {
  workspaceOrError:
    | { __typename: 'Workspace'; locationEntries: DagsterLocationEntry[] }
    | { __typename: string; message?: string };
}

export interface DagsterAssetNode {
  assetKey: DagsterAssetKey;
  groupName?: string | null;
  tags?: Array<{ key: string; value: string }>;
}

export interface DagsterRun {
  runId: string;
  /** `SUCCESS`, `FAILURE`, `CANCELED`, or one still in progress. */
  status: string;
  /** Epoch seconds. */
  creationTime: number;
  startTime?: number | null;
  endTime?: number | null;
  tags: Array<{ key: string; value: string }>;
  /** Set for runs launched from a code location (daemon, UI); absent for runs executed in process. */
  repositoryOrigin?: {
    repositoryName: string;
    repositoryLocationName: string;
  } | null;
}

export type DagsterRunsOrError =
  | { __typename: 'Runs'; results: DagsterRun[] }
  | { __typename: string; message?: string };

/** A GraphQL answer: `data`, or `errors` (HTTP 200 either way). */
export interface GraphqlAnswer<T> {
  data?: T | null;
  errors?: Array<{ message?: string }>;
}
