import { MLOPS_ANNOTATIONS as A } from '@mlops-maturity/plugin-mlops-maturity-common';

/**
 * The kinds of tool whose instances are named in config (`mlopsMaturity.tools.<kind>`).
 *
 * @internal
 */
export const TOOL_KINDS = [
  'mlflow',
  'wandb',
  'sagemaker',
  'airflow',
  'dagster',
  'evidently',
  'nannyml',
  'kserve',
  'seldon',
  'argo',
  'growthbook',
  'feast',
] as const;

/** @internal */
export type ToolKind = (typeof TOOL_KINDS)[number];

/**
 * How an annotation is evidence for a check.
 *
 * - `tool`: `[instance:]id[,…]` naming an object in a configured tool instance;
 * - `repository`: a path checked at the entity's source location;
 * - `link`: a URL or selector shown to people, never fetched.
 *
 * @internal
 */
export type EvidenceAnnotation =
  | {
      annotation: string;
      checkId: string;
      type: 'tool';
      tool: ToolKind;
      /** How many `:`-separated parts the id itself has (Dagster's `location:repo:job` has 3). */
      idParts: number;
      idPattern: RegExp;
      idHint: string;
    }
  | {
      annotation: string;
      checkId: string;
      type: 'repository';
      /**
       * The path may name a GitHub Actions workflow whose runs prove the check, beyond the
       * file's existence; the CI collector is then asked too.
       */
      provedByWorkflowRuns?: boolean;
    }
  | { annotation: string; checkId: string; type: 'link' };

const NAME = /^[^\s,:]{1,256}$/;
const tool = (
  annotation: string,
  checkId: string,
  kind: ToolKind,
  idPattern: RegExp = NAME,
  idHint = 'a name without spaces, commas or colons',
  idParts = 1,
): EvidenceAnnotation => ({
  annotation,
  checkId,
  type: 'tool',
  tool: kind,
  idParts,
  idPattern,
  idHint,
});

/**
 * Every annotation that is evidence for a default check (DESIGN.md §4–5).
 *
 * @internal
 */
export const EVIDENCE_ANNOTATIONS: readonly EvidenceAnnotation[] = [
  {
    annotation: A.trainingEntrypoint,
    checkId: 'training-script',
    type: 'repository',
  },
  {
    annotation: A.deploymentEntrypoint,
    checkId: 'deployment-script',
    type: 'repository',
  },
  { annotation: A.servingLogs, checkId: 'serving-logging', type: 'link' },
  tool(A.mlflowRegisteredModel, 'experiment-tracking', 'mlflow'),
  tool(
    A.mlflowExperiment,
    'experiment-tracking',
    'mlflow',
    /^\d{1,20}$/,
    'a numeric experiment id',
  ),
  tool(A.wandbRegistryCollection, 'experiment-tracking', 'wandb'),
  tool(A.sagemakerModelPackageGroup, 'experiment-tracking', 'sagemaker'),
  tool(
    A.airflowDagId,
    'training-pipeline',
    'airflow',
    /^[\w.-]{1,250}$/,
    'a DAG id',
  ),
  tool(
    A.dagsterJob,
    'training-pipeline',
    'dagster',
    /^[^\s,:]{1,256}:[^\s,:]{1,256}:[^\s,:]{1,256}$/,
    'location:repository:job',
    3,
  ),
  {
    annotation: A.qualityGate,
    checkId: 'quality-gate',
    type: 'repository',
    provedByWorkflowRuns: true,
  },
  tool(A.evidentlyProjectId, 'drift-monitoring', 'evidently'),
  tool(A.nannymlModelId, 'drift-monitoring', 'nannyml'),
  {
    annotation: A.qualityDashboard,
    checkId: 'quality-dashboard',
    type: 'link',
  },
  {
    annotation: A.grafanaDashboardSelector,
    checkId: 'quality-dashboard',
    type: 'link',
  },
  tool(
    A.kserveInferenceService,
    'ab-testing',
    'kserve',
    /^[a-z0-9-]{1,63}\/[a-z0-9.-]{1,253}$/,
    'namespace/name',
  ),
  tool(A.seldonExperiment, 'ab-testing', 'seldon'),
  tool(
    A.argoRollout,
    'ab-testing',
    'argo',
    /^[a-z0-9-]{1,63}\/[a-z0-9.-]{1,253}$/,
    'namespace/name',
  ),
  tool(A.growthbookExperimentKey, 'ab-testing', 'growthbook'),
  tool(A.feastFeatureService, 'feature-store', 'feast'),
  tool(A.feastProject, 'feature-store', 'feast'),
];
