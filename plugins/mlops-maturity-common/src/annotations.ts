/**
 * Annotation keys that ML service owners put on catalog entities (docs/annotations.md).
 *
 * @public
 */
export const MLOPS_ANNOTATIONS = {
  targetLevel: 'mlops-maturity.io/target-level',
  retrainCadence: 'mlops-maturity.io/retrain-cadence',
  criticality: 'mlops-maturity.io/criticality',
  trainingEntrypoint: 'mlops-maturity.io/training-entrypoint',
  deploymentEntrypoint: 'mlops-maturity.io/deployment-entrypoint',
  servingLogs: 'mlops-maturity.io/serving-logs',
  prometheusRule: 'prometheus.io/rule',
  prometheusAlert: 'prometheus.io/alert',
  prometheusServiceName: 'prometheus.io/service-name',
  qualityGate: 'mlops-maturity.io/quality-gate',
  qualityDashboard: 'mlops-maturity.io/quality-dashboard',
  promotion: 'mlops-maturity.io/promotion',
  mlflowRegisteredModel: 'mlflow.org/registered-model',
  mlflowExperiment: 'mlflow.org/experiment',
  wandbRegistryCollection: 'wandb.ai/registry-collection',
  sagemakerModelPackageGroup: 'aws.amazon.com/sagemaker-model-package-group',
  airflowDagId: 'airflow.apache.org/dag-id',
  dagsterJob: 'dagster.io/job',
  evidentlyProjectId: 'evidentlyai.com/project-id',
  nannymlModelId: 'nannyml.com/model-id',
  grafanaDashboardSelector: 'grafana/dashboard-selector',
  kserveInferenceService: 'kserve.io/inference-service',
  seldonExperiment: 'seldon.io/experiment',
  argoRollout: 'argoproj.io/rollout',
  growthbookExperimentKey: 'growthbook.io/experiment-key',
  feastFeatureService: 'feast.dev/feature-service',
  feastProject: 'feast.dev/project',
  sourceLocation: 'backstage.io/source-location',
  githubProjectSlug: 'github.com/project-slug',
} as const;

/**
 * Labels that the catalog module stamps on assessed entities. They are derived data: never
 * written by authors, and ignored by the engine.
 *
 * @public
 */
export const MLOPS_LABELS = {
  level: 'mlops-maturity.io/level',
  meetsTarget: 'mlops-maturity.io/meets-target',
} as const;

/**
 * The tag that marks an entity as an ML service under the default selector.
 *
 * @public
 */
export const ML_SERVICE_TAG = 'ml-service';
