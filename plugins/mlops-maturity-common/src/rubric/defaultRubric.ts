import { MLOPS_ANNOTATIONS as A } from '../annotations';
import type {
  RubricAnnotation,
  RubricCheck,
  RubricLevel,
  RubricVerifier,
} from './types';

/**
 * The framework's levels with the effort of each step up.
 *
 * @public
 */
export const DEFAULT_RUBRIC_LEVELS: readonly RubricLevel[] = [
  {
    level: 0,
    name: 'Manual',
    summary:
      'Notebooks, hand-copied model files and no record of which model version is in production.',
  },
  {
    level: 1,
    name: 'Scripted',
    summary:
      'Training and deployment are scripts, and the prediction endpoint logs its errors.',
    effort: 'about a week',
  },
  {
    level: 2,
    name: 'Automated',
    summary:
      'Training pipelines run on a schedule, models live in a registry, and CI/CD blocks a model that is worse.',
    effort: '2–4 weeks',
  },
  {
    level: 3,
    name: 'Monitored',
    summary:
      'Drift is measured, prediction quality sits beside business metrics, and new models roll out to a share of traffic.',
    effort: '4–8 weeks',
  },
  {
    level: 4,
    name: 'Optimized',
    summary:
      'Drift triggers retraining, better models are promoted automatically, and features come from a feature store.',
    effort: '2–3 months',
  },
];

const NAME = '^[^\\s,:]{1,256}$';
const NAME_HINT = 'a name without spaces, commas or colons';
const NAMESPACED = {
  idPattern: '^[a-z0-9-]{1,63}/[a-z0-9.-]{1,253}$',
  idHint: 'namespace/name',
};

const repository = (key: string): RubricAnnotation => ({
  key,
  kind: 'repository',
});
const link = (key: string): RubricAnnotation => ({ key, kind: 'link' });
const verifier = (
  source: string,
  proves: string,
  supersedes?: string[],
): RubricVerifier => ({
  source,
  proves,
  ...(supersedes ? { supersedes } : {}),
});

/** An annotation naming an object in a tool; the id defaults to a plain name. */
interface ToolKey {
  key: string;
  idPattern?: string;
  idHint?: string;
  idParts?: number;
}

/** A tool that can verify a check, with what it proves and the annotations that name its objects. */
interface ToolEvidence {
  tool: string;
  proves: string;
  keys: ReadonlyArray<string | ToolKey>;
}

/**
 * The annotations and verifiers of a check whose evidence comes from tools, so that each tool is
 * named once: the tool that an annotation points into is the tool that verifies the check.
 */
const fromTools = (
  ...tools: ToolEvidence[]
): Pick<RubricCheck, 'annotations' | 'verifiers'> => ({
  annotations: tools.flatMap(({ tool, keys }) =>
    keys.map((k): RubricAnnotation => {
      const {
        key,
        idPattern = NAME,
        idHint = NAME_HINT,
        idParts,
      } = typeof k === 'string' ? ({ key: k } as ToolKey) : k;
      return {
        key,
        kind: 'tool',
        tool,
        idPattern,
        idHint,
        ...(idParts ? { idParts } : {}),
      };
    }),
  ),
  verifiers: tools.map(({ tool, proves }) => verifier(tool, proves)),
});

/**
 * The twelve default checks, from the framework's "How to move up": what each means, the
 * annotations that declare it, the sources that can verify it and its freshness window.
 *
 * @public
 */
export const DEFAULT_RUBRIC_CHECKS: readonly RubricCheck[] = [
  {
    id: 'training-script',
    level: 1,
    title: 'Training is a script',
    why: 'A notebook run by hand cannot be repeated or automated; a script in the repository can.',
    guidance:
      'Convert the training notebook into a script in the repository and annotate it with mlops-maturity.io/training-entrypoint.',
    required: true,
    annotations: [repository(A.trainingEntrypoint)],
    verifiers: [
      verifier('repository', "the file exists at the entity's source location"),
    ],
  },
  {
    id: 'deployment-script',
    level: 1,
    title: 'Deployment is a script or workflow',
    why: 'Copying model files to a server by hand leaves no record of what runs in production.',
    guidance:
      'Write a deployment script or workflow and annotate it with mlops-maturity.io/deployment-entrypoint.',
    required: true,
    annotations: [repository(A.deploymentEntrypoint)],
    verifiers: [
      verifier('repository', "the file exists at the entity's source location"),
    ],
  },
  {
    id: 'serving-logging',
    level: 1,
    title: 'Serving logs and error alerts',
    why: 'Without logs you learn that the prediction endpoint returns errors from your users.',
    guidance:
      'Add basic logging and error alerts to the prediction endpoint and link them with mlops-maturity.io/serving-logs.',
    required: true,
    annotations: [link(A.servingLogs)],
    verifiers: [
      verifier(
        'prometheus',
        'the serving series has samples in the last day and its alerting rules are loaded',
      ),
    ],
  },
  {
    id: 'experiment-tracking',
    level: 2,
    title: 'Runs and model versions in a registry',
    why: 'A registry with versions, metrics and metadata tells you which model is in production and how it compares.',
    guidance:
      'Set up MLflow (or W&B, SageMaker) experiment tracking and a registered model; annotate it with mlflow.org/registered-model.',
    required: true,
    freshnessDays: 180,
    ...fromTools(
      {
        tool: 'mlflow',
        proves: 'the production model version is READY and has metrics',
        keys: [
          A.mlflowRegisteredModel,
          {
            key: A.mlflowExperiment,
            idPattern: '^\\d{1,20}$',
            idHint: 'a numeric experiment id',
          },
        ],
      },
      {
        tool: 'wandb',
        proves: 'the registry collection has a linked version with metrics',
        keys: [A.wandbRegistryCollection],
      },
      {
        tool: 'sagemaker',
        proves: 'the model package group has an approved package',
        keys: [A.sagemakerModelPackageGroup],
      },
    ),
  },
  {
    id: 'training-pipeline',
    level: 2,
    title: 'Training runs automatically',
    why: 'Pipelines that run on a schedule or on new data retrain without someone remembering to.',
    guidance:
      'Build the training pipeline in Airflow or Dagster, scheduled or data-triggered; annotate it with airflow.apache.org/dag-id or dagster.io/job.',
    required: true,
    freshnessDays: 45,
    freshnessCadences: 2,
    ...fromTools(
      {
        tool: 'airflow',
        proves:
          'the DAG is active, scheduled or asset-triggered, and its latest such run succeeded in the window',
        keys: [
          {
            key: A.airflowDagId,
            idPattern: '^[\\w.-]{1,250}$',
            idHint: 'a DAG id',
          },
        ],
      },
      {
        tool: 'dagster',
        proves:
          'the job has a running schedule or sensor and a recent successful run',
        keys: [
          {
            key: A.dagsterJob,
            idPattern: '^[^\\s,:]{1,256}:[^\\s,:]{1,256}:[^\\s,:]{1,256}$',
            idHint: 'location:repository:job',
            idParts: 3,
          },
        ],
      },
    ),
  },
  {
    id: 'quality-gate',
    level: 2,
    title: 'CI/CD blocks a worse model',
    why: 'Automated tests that compare a new model with the production one stop a regression before users see it.',
    guidance:
      'Add a CI workflow that tests model quality against a threshold and the production model and blocks deployment when it fails; annotate it with mlops-maturity.io/quality-gate.',
    required: true,
    freshnessDays: 90,
    annotations: [
      { key: A.qualityGate, kind: 'repository', workflowRunsProve: true },
    ],
    verifiers: [
      verifier(
        'github',
        'the workflow is active, runs on pull requests or pushes, and its latest default-branch run succeeded in the window',
        ['repository'],
      ),
      verifier(
        'mlflow',
        'the production model version carries validation_status=passed',
      ),
      verifier('repository', 'the workflow file exists at the source location'),
    ],
  },
  {
    id: 'drift-monitoring',
    level: 3,
    title: 'Data and prediction drift are measured',
    why: 'Drift detection tells you the inputs or outputs changed before users notice worse predictions.',
    guidance:
      'Add data and prediction drift monitoring (Evidently is a good start, or NannyML); annotate it with evidentlyai.com/project-id.',
    required: true,
    freshnessDays: 14,
    ...fromTools(
      {
        tool: 'evidently',
        proves: 'the project has drift reports in the window',
        keys: [A.evidentlyProjectId],
      },
      {
        tool: 'nannyml',
        proves: 'the model has drift results in the window',
        keys: [A.nannymlModelId],
      },
    ),
  },
  {
    id: 'quality-dashboard',
    level: 3,
    title: 'Quality beside business metrics',
    why: 'A dashboard with prediction quality next to business metrics quantifies the impact of model changes.',
    guidance:
      'Build a dashboard of prediction quality beside business metrics; link it with mlops-maturity.io/quality-dashboard.',
    required: true,
    annotations: [link(A.qualityDashboard), link(A.grafanaDashboardSelector)],
    verifiers: [
      verifier(
        'grafana',
        'dashboards found by the selector show prediction quality panels',
      ),
      verifier(
        'evidently',
        'the project dashboard has quality panels fed in the window',
      ),
    ],
  },
  {
    id: 'ab-testing',
    level: 3,
    title: 'New models roll out to a share of traffic',
    why: 'A/B rollouts compare a new model with the current one on real traffic before it takes over.',
    guidance:
      'Set up A/B or canary rollouts (KServe, Seldon, Argo Rollouts, GrowthBook); annotate the inference service or experiment.',
    required: true,
    ...fromTools(
      {
        tool: 'kserve',
        proves: 'the inference service splits traffic to a canary',
        keys: [{ key: A.kserveInferenceService, ...NAMESPACED }],
      },
      {
        tool: 'seldon',
        proves: 'the experiment splits traffic between models',
        keys: [A.seldonExperiment],
      },
      {
        tool: 'argo',
        proves: 'the rollout has canary steps',
        keys: [{ key: A.argoRollout, ...NAMESPACED }],
      },
      {
        tool: 'growthbook',
        proves: 'the experiment is running',
        keys: [A.growthbookExperimentKey],
      },
    ),
  },
  {
    id: 'drift-triggered-retraining',
    level: 4,
    title: 'Drift triggers retraining',
    why: 'Models that retrain when drift is detected stay fresh without anyone watching.',
    guidance:
      'Trigger the training pipeline from drift alerts (an Airflow asset or Dagster sensor); set mlops-maturity.io/retrain-cadence: on-drift.',
    required: true,
    freshnessDays: 90,
    annotations: [
      {
        key: A.retrainCadence,
        kind: 'value',
        declares: 'on-drift',
        requires: 'training-pipeline',
      },
    ],
    verifiers: [
      verifier(
        'airflow',
        'an asset-triggered run succeeded whose upstream event comes from a monitoring DAG',
      ),
      verifier('dagster', 'a sensor-triggered run succeeded'),
    ],
  },
  {
    id: 'auto-promotion',
    level: 4,
    title: 'Better models are promoted automatically',
    why: 'An automatic evaluation and promotion step ships a better model without a hand-off.',
    guidance:
      'Build an auto-evaluation pipeline that compares and promotes models in the registry; set mlops-maturity.io/promotion: automatic.',
    required: true,
    freshnessDays: 180,
    annotations: [
      {
        key: A.promotion,
        kind: 'value',
        declares: 'automatic',
        denies: 'manual',
      },
    ],
    verifiers: [
      verifier(
        'mlflow',
        'the production version was promoted by a pipeline (promoted_by tag)',
      ),
    ],
  },
  {
    id: 'feature-store',
    level: 4,
    title: 'Features come from a feature store',
    why: 'A feature store computes features once, the same way in training and serving, and materialises them automatically.',
    guidance:
      'Implement a feature store (Feast) with automatic materialisation; annotate it with feast.dev/feature-service.',
    required: true,
    freshnessDays: 7,
    ...fromTools({
      tool: 'feast',
      proves:
        'the feature service exists and its views were materialised in the window',
      keys: [A.feastFeatureService, A.feastProject],
    }),
  },
];
