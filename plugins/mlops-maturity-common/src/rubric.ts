import type { MaturityLevel } from './levels';

/**
 * One check of the rubric: something a service must have to count at a level.
 *
 * @public
 */
export interface RubricCheck {
  /** Stable id, e.g. `training-pipeline`. */
  id: string;
  /** The level this check belongs to, 1–4. */
  level: Exclude<MaturityLevel, 0>;
  title: string;
  /** Why it matters, in the framework's words. */
  why: string;
  /** What to do to pass it. */
  guidance: string;
  /** A level counts only when all of its required checks count. */
  required: boolean;
  /** How old live evidence may be before it no longer proves the check, in days. */
  freshnessDays?: number;
  /** Annotations that declare it; filled in by the backend for the default checks. */
  annotations?: string[];
}

/**
 * What the framework says about each level and the step up to it.
 *
 * @public
 */
export interface RubricLevel {
  level: MaturityLevel;
  name: string;
  summary: string;
  /** The framework's estimate of the work to reach this level from the one below. */
  effort?: string;
}

/**
 * The maturity rubric: levels and checks, and a version that changes with its content.
 *
 * @public
 */
export interface Rubric {
  version: string;
  levels: RubricLevel[];
  checks: RubricCheck[];
}

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

/**
 * The twelve default checks, from the framework's "How to move up" (DESIGN.md §4).
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
  },
  {
    id: 'deployment-script',
    level: 1,
    title: 'Deployment is a script or workflow',
    why: 'Copying model files to a server by hand leaves no record of what runs in production.',
    guidance:
      'Write a deployment script or workflow and annotate it with mlops-maturity.io/deployment-entrypoint.',
    required: true,
  },
  {
    id: 'serving-logging',
    level: 1,
    title: 'Serving logs and error alerts',
    why: 'Without logs you learn that the prediction endpoint returns errors from your users.',
    guidance:
      'Add basic logging and error alerts to the prediction endpoint and link them with mlops-maturity.io/serving-logs.',
    required: true,
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
  },
  {
    id: 'quality-dashboard',
    level: 3,
    title: 'Quality beside business metrics',
    why: 'A dashboard with prediction quality next to business metrics quantifies the impact of model changes.',
    guidance:
      'Build a dashboard of prediction quality beside business metrics; link it with mlops-maturity.io/quality-dashboard.',
    required: true,
  },
  {
    id: 'ab-testing',
    level: 3,
    title: 'New models roll out to a share of traffic',
    why: 'A/B rollouts compare a new model with the current one on real traffic before it takes over.',
    guidance:
      'Set up A/B or canary rollouts (KServe, Seldon, Argo Rollouts, GrowthBook); annotate the inference service or experiment.',
    required: true,
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
  },
];
