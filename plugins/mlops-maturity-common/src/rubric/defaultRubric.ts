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
const NAMESPACED = '^[a-z0-9-]{1,63}/[a-z0-9.-]{1,253}$';

const tool = (
  key: string,
  kind: string,
  idPattern = NAME,
  idHint = 'a name without spaces, commas or colons',
  idParts?: number,
): RubricAnnotation => ({
  key,
  kind: 'tool',
  tool: kind,
  idPattern,
  idHint,
  ...(idParts ? { idParts } : {}),
});
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
    annotations: [
      tool(A.mlflowRegisteredModel, 'mlflow'),
      tool(
        A.mlflowExperiment,
        'mlflow',
        '^\\d{1,20}$',
        'a numeric experiment id',
      ),
      tool(A.wandbRegistryCollection, 'wandb'),
      tool(A.sagemakerModelPackageGroup, 'sagemaker'),
    ],
    verifiers: [
      verifier(
        'mlflow',
        'the production model version is READY and has metrics',
      ),
      verifier(
        'wandb',
        'the registry collection has a linked version with metrics',
      ),
      verifier('sagemaker', 'the model package group has an approved package'),
    ],
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
    annotations: [
      tool(A.airflowDagId, 'airflow', '^[\\w.-]{1,250}$', 'a DAG id'),
      tool(
        A.dagsterJob,
        'dagster',
        '^[^\\s,:]{1,256}:[^\\s,:]{1,256}:[^\\s,:]{1,256}$',
        'location:repository:job',
        3,
      ),
    ],
    verifiers: [
      verifier(
        'airflow',
        'the DAG is active, scheduled or asset-triggered, and its latest such run succeeded in the window',
      ),
      verifier(
        'dagster',
        'the job has a running schedule or sensor and a recent successful run',
      ),
    ],
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
    annotations: [
      tool(A.evidentlyProjectId, 'evidently'),
      tool(A.nannymlModelId, 'nannyml'),
    ],
    verifiers: [
      verifier('evidently', 'the project has drift reports in the window'),
      verifier('nannyml', 'the model has drift results in the window'),
    ],
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
    annotations: [
      tool(A.kserveInferenceService, 'kserve', NAMESPACED, 'namespace/name'),
      tool(A.seldonExperiment, 'seldon'),
      tool(A.argoRollout, 'argo', NAMESPACED, 'namespace/name'),
      tool(A.growthbookExperimentKey, 'growthbook'),
    ],
    verifiers: [
      verifier('kserve', 'the inference service splits traffic to a canary'),
      verifier('seldon', 'the experiment splits traffic between models'),
      verifier('argo', 'the rollout has canary steps'),
      verifier('growthbook', 'the experiment is running'),
    ],
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
    annotations: [
      tool(A.feastFeatureService, 'feast'),
      tool(A.feastProject, 'feast'),
    ],
    verifiers: [
      verifier(
        'feast',
        'the feature service exists and its views were materialised in the window',
      ),
    ],
  },
];
