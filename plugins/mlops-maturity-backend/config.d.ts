import type { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';
import type { ToolInstanceSettings } from '@mlops-maturity/plugin-mlops-maturity-node';

export interface Config {
  /** MLOps maturity: which ML services are assessed, how often, and with which tools. */
  mlopsMaturity?: {
    /** When the assessment runs; default every 30 minutes with a 15-minute timeout. */
    schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    /** Which entities are ML services. */
    selector?: {
      /**
       * A catalog filter, e.g. `{ metadata.tags: ml-service }` (the default) or
       * `{ kind: component, spec.type: model-server }`.
       */
      filter?: { [key: string]: string | string[] };
    };
    /** Whether annotations that claim a check count towards `level` (default true). */
    acceptDeclared?: boolean;
    history?: {
      /** How long history is kept, in days (default 400). */
      keepDays?: number;
    };
    /** Named instances of each tool kind; annotations refer to them by name. */
    tools?: {
      [kind: string]: Array<
        ToolInstanceSettings & {
          /** MLflow: the alias of the production version (default `champion`). */
          championAlias?: string;
          /** Airflow: `v2` (Airflow 3) or `v1` (Airflow 2); found out when absent. */
          apiVersion?: 'v1' | 'v2';
        }
      >;
    };
    /**
     * The CI collector: proves the `quality-gate` check from GitHub Actions runs, through
     * Backstage's `integrations.github` config (hosts, `apiBaseUrl`, tokens or GitHub Apps);
     * the repository comes from the entity's `github.com/project-slug` annotation.
     */
    github?: {
      /**
       * Whether the CI collector runs; by default it does when `integrations.github` is
       * configured. true also asks github.com without credentials (60 requests an hour).
       */
      enabled?: boolean;
      /** Per-request timeout in milliseconds (default 10000). */
      timeoutMs?: number;
      /** Requests in flight at once per GitHub host (default 4). */
      concurrency?: number;
    };
    /** Changes to the default rubric. */
    rubric?: {
      checks?: {
        [checkId: string]: {
          /** false removes the check. */
          enabled?: boolean;
          level?: 1 | 2 | 3 | 4;
          required?: boolean;
          /** How old live evidence may be before it no longer proves the check, in days. */
          freshnessDays?: number;
          title?: string;
          why?: string;
          guidance?: string;
          /**
           * The annotations that declare it, replacing the default ones. A key the default rubric
           * knows keeps its meaning (tool, repository path, link); `{ key, tool }` names objects of
           * a tool kind, such as a third-party collector's; any other key is a link.
           */
          annotations?: Array<string | { key: string; tool: string }>;
          /**
           * The sources that can verify it (collector ids such as `mlflow`, or `repository`),
           * replacing the default ones; evidence from any other source is ignored for the check.
           */
          verifiers?: string[];
        };
      };
    };
  };
}
