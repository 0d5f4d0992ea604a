/** The GraphQL documents the Dagster collector sends; values always travel as variables. */

/** Every code location with its repositories' jobs, schedules and sensors, and their states. */
export const WORKSPACE_QUERY = `query MlopsMaturityWorkspace {
  workspaceOrError {
    __typename
    ... on Workspace {
      locationEntries {
        name
        loadStatus
        locationOrLoadError {
          __typename
          ... on RepositoryLocation {
            repositories {
              name
              jobs { name }
              schedules { name pipelineName cronSchedule scheduleState { status } }
              sensors {
                name
                sensorType
                sensorState { status }
                targets { pipelineName }
                metadata { assetKeys { path } }
              }
            }
          }
          ... on PythonError { message }
        }
      }
    }
    ... on PythonError { message }
  }
}`;

/** The group and tags of the assets that sensors watch, to tell monitoring assets. */
export const ASSET_NODES_QUERY = `query MlopsMaturityWatchedAssets($keys: [AssetKeyInput!]) {
  assetNodes(assetKeys: $keys) {
    assetKey { path }
    groupName
    tags { key value }
  }
}`;

/** How many finished runs each instigator's alias reads, newest first. */
export const RUNS_PER_INSTIGATOR = 5;

/** One alias of the job's runs query: the runs one schedule or sensor launched. */
export interface RunsAlias {
  alias: string;
  tag: 'dagster/schedule_name' | 'dagster/sensor_name';
  instigator: string;
  statuses: string[];
}

/**
 * One request for a job's recent runs: an aliased `runsOrError` per schedule or sensor, filtered
 * by the job and the tag that names the instigator that launched them.
 */
export function jobRunsQuery(
  job: string,
  aliases: RunsAlias[],
): { query: string; variables: Record<string, unknown> } {
  const variables: Record<string, unknown> = { job };
  const fields = aliases.map((a, i) => {
    variables[`v${i}`] = a.instigator;
    return `${a.alias}: runsOrError(
    filter: {
      pipelineName: $job
      tags: [{ key: "${a.tag}", value: $v${i} }]
      statuses: [${a.statuses.join(', ')}]
    }
    limit: ${RUNS_PER_INSTIGATOR}
  ) {
    __typename
    ... on Runs {
      results {
        runId
        status
        creationTime
        startTime
        endTime
        tags { key value }
        repositoryOrigin { repositoryName repositoryLocationName }
      }
    }
    ... on PythonError { message }
    ... on InvalidPipelineRunsFilterError { message }
  }`;
  });
  const params = aliases.map((_, i) => `, $v${i}: String!`).join('');
  return {
    query: `query MlopsMaturityJobRuns($job: String!${params}) {\n  ${fields.join(
      '\n  ',
    )}\n}`,
    variables,
  };
}
