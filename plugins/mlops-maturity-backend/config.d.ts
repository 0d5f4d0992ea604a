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
    /**
     * The removal guard: a run whose catalog answer would remove more than this percentage of
     * the assessed entities (and more than 5), or all of them, removes none and says so
     * (default 50; 100 turns the guard off). docs/operations.md#the-removal-guard.
     */
    removal?: {
      maxPercent?: number;
    };
    /**
     * Backstage notifications (`@backstage/plugin-notifications-backend`) to a service's owner
     * when its level, verified level or whether it meets its target changes.
     * docs/notifications.md.
     */
    notifications?: {
      /** false sends none (default true). */
      enabled?: boolean;
    };
    /**
     * Named instances of each tool kind; annotations refer to them by name, and the first of
     * a kind is the default. docs/tools.md describes what each tool proves and how to set it up.
     */
    tools?: {
      mlflow?: Array<
        ToolInstanceSettings & {
          /** The alias of the production version (default `champion`). */
          championAlias?: string;
        }
      >;
      airflow?: Array<
        ToolInstanceSettings & {
          /** `v2` (Airflow 3) or `v1` (Airflow 2); found out when absent. */
          apiVersion?: 'v1' | 'v2';
        }
      >;
      dagster?: Array<
        ToolInstanceSettings & {
          /**
           * What makes an asset a monitoring asset for drift-triggered retraining: a
           * case-insensitive regular expression tested against the asset's key (`a/b`), its
           * group and each of its tags (`key`, `key=value`). Default `monitoring|drift`.
           */
          monitoringAssetPattern?: string;
          /**
           * The header that carries `token`: `Dagster-Cloud-Api-Token` (Dagster+, the
           * default), or `Authorization` to send it as a bearer token to a proxy.
           */
          tokenHeader?: string;
        }
      >;
      prometheus?: Array<
        ToolInstanceSettings & {
          /** The web UI, for links, when it is not at baseUrl. */
          uiUrl?: string;
        }
      >;
      evidently?: Array<
        ToolInstanceSettings & {
          /** `oss` (the `evidently ui` service) or `cloud`; `cloud` when a token is set. */
          ui?: 'oss' | 'cloud';
          /**
           * The OSS service's `--secret`, sent in its own header.
           * @visibility secret
           */
          secret?: string;
          /** How recent the data behind quality panels must be, in days. */
          qualityWindowDays?: number;
        }
      >;
      grafana?: Array<
        ToolInstanceSettings & {
          /** The UI, for links (the Grafana plugin's `grafana.domain`); default baseUrl. */
          uiUrl?: string;
          /** Words in a panel's title, description or query that mean prediction quality. */
          qualityKeywords?: string[];
          /** Words that mean a business metric. */
          businessKeywords?: string[];
          /** Whether a business panel must sit beside the quality panel (default true). */
          requireBusinessPanel?: boolean;
          /** Dashboards per search page, at most 5000 (the default). */
          searchPageSize?: number;
          /** Search pages read at most per run (default 20). */
          searchMaxPages?: number;
        }
      >;
      feast?: Array<
        ToolInstanceSettings & {
          /** The Feast UI (`feast ui`), for links. */
          uiUrl?: string;
        }
      >;
      sagemaker?: Array<
        ToolInstanceSettings & {
          /**
           * The AWS region; by default read from a regional baseUrl such as
           * https://api.sagemaker.eu-west-1.amazonaws.com.
           */
          region?: string;
          /** The shared config profile the default AWS credential chain reads. */
          profile?: string;
          /** An IAM role to assume through STS to read the model registry. */
          roleArn?: string;
          /**
           * The external id the role's trust policy requires.
           * @visibility secret
           */
          externalId?: string;
          /** Where STS answers for roleArn (e.g. a VPC endpoint); by default the region's. */
          stsEndpoint?: string;
          /** The Studio domain's URL, for links into its model registry. */
          studioUrl?: string;
          /**
           * Patterns (`*` wildcard, case-insensitive) of the IAM roles whose approval counts as
           * automatic promotion; with a colon matched against the ARN, else against the role or
           * user name. Default `['*pipeline*', '*automation*']`.
           */
          automationRoles?: string[];
        }
      >;
      wandb?: Array<
        ToolInstanceSettings & {
          /** The organization whose registries annotations name. */
          organization: string;
          /** The alias that marks the production version (default `production`). */
          productionAlias?: string;
          /** Usernames that count as automations besides service accounts. */
          automationUsers?: string[];
          /** The W&B UI, for links; by default derived from baseUrl. */
          appUrl?: string;
        }
      >;
      /** Tool kinds of your own rubric annotations, read by your collector modules. */
      [kind: string]: Array<ToolInstanceSettings> | undefined;
    };
    /**
     * The rollout collectors (kserve, argo, seldon): prove ab-testing from the clusters of
     * Backstage's `kubernetes.clusterLocatorMethods` (type config, authProvider
     * serviceAccount); annotations name `[cluster:]namespace/name`.
     */
    kubernetes?: {
      /** false turns them off; by default they run when a config cluster exists. */
      enabled?: boolean;
      /** Per-request timeout in milliseconds (default 10000). */
      timeoutMs?: number;
      /** Requests in flight at once per cluster (default 4). */
      concurrency?: number;
      /** Objects per list page (`limit`, default 500). */
      pageSize?: number;
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
