import type { Entity } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import type {
  Assessment,
  Blocker,
  CheckResult,
  HistoryEntry,
} from '@mlops-maturity/plugin-mlops-maturity-common';
import { DEFAULT_RUBRIC_CHECKS } from '@mlops-maturity/plugin-mlops-maturity-common';

/**
 * Test fixtures of the MLOps maturity API: realistic assessments as the backend answers them.
 * Dates are relative to {@link FIXTURE_NOW}; tests that assert ages should fake the clock to it
 * (`jest.useFakeTimers({ now: FIXTURE_NOW, doNotFake: [...] })`) or pass it to the formatters.
 */

/** The moment the fixtures were "assessed". */
export const FIXTURE_NOW = new Date('2026-03-20T12:00:00Z');

const DAY = 24 * 60 * 60 * 1000;

/** An ISO timestamp `days` before {@link FIXTURE_NOW}. */
export function daysAgo(days: number, now: Date = FIXTURE_NOW): string {
  return new Date(now.getTime() - days * DAY).toISOString();
}

/** The entity reference of {@link mlServiceEntity}. */
export const FRAUD_SCORER_REF = 'component:default/fraud-scorer';

/** An ML service entity, tagged `ml-service`, as the catalog holds it. */
export function mlServiceEntity(overrides: Partial<Entity> = {}): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'fraud-scorer',
      namespace: 'default',
      title: 'Fraud scorer',
      tags: ['ml-service', 'python'],
      labels: { 'mlops-maturity.io/level': '2' },
      annotations: {
        'mlops-maturity.io/training-entrypoint': 'src/train.py',
        'mlops-maturity.io/deployment-entrypoint': 'deploy/deploy.sh',
        'mlops-maturity.io/serving-logs':
          'https://grafana.example.com/explore?logs=fraud-scorer',
        'mlflow.org/registered-model': 'fraud-scorer',
        'airflow.apache.org/dag-id': 'fraud_scorer_training',
        'mlops-maturity.io/quality-gate': '.github/workflows/model-quality.yml',
        'evidentlyai.com/project-id': 'fraud-scorer',
        'kserve.io/inference-service': 'prod-eu:models/fraud-scorer',
        'mlops-maturity.io/retrain-cadence': 'sometimes',
      },
    },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: 'group:default/fraud-ml',
      system: 'payments',
    },
    ...overrides,
  };
}

function rubricCheck(id: string) {
  const check = DEFAULT_RUBRIC_CHECKS.find(c => c.id === id);
  if (!check) {
    throw new Error(`No rubric check ${id}`);
  }
  return check;
}

/** One check result of the default rubric, with its title and level from the rubric. */
export function buildCheck(
  id: string,
  overrides: Partial<CheckResult> = {},
): CheckResult {
  const check = rubricCheck(id);
  return {
    id,
    level: check.level,
    title: check.title,
    status: 'not-declared',
    message: 'No annotation declares it.',
    source: 'annotation',
    links: [],
    stale: false,
    counts: false,
    ...overrides,
  };
}

/** A blocker of a check of the default rubric, with the rubric's guidance. */
export function buildBlocker(
  check: CheckResult,
  overrides: Partial<Blocker> = {},
): Blocker {
  return {
    checkId: check.id,
    title: check.title,
    status: check.status,
    message: check.message,
    guidance: rubricCheck(check.id).guidance,
    ...overrides,
  };
}

/**
 * The twelve checks of a service at L2 Automated whose verified level is L0 Manual (its serving
 * logs are only declared), with every one of the six statuses:
 *
 * - L1: training-script pass, deployment-script pass, serving-logging declared
 * - L2: experiment-tracking pass, training-pipeline pass but stale (Airflow timed out),
 *   quality-gate declared
 * - L3: drift-monitoring unknown, quality-dashboard not-declared, ab-testing invalid
 * - L4: drift-triggered-retraining not-declared, auto-promotion fail, feature-store not-declared
 */
export function buildChecks(now: Date = FIXTURE_NOW): CheckResult[] {
  return [
    buildCheck('training-script', {
      status: 'pass',
      message: 'src/train.py exists at the source location.',
      source: 'repository',
      links: [
        {
          title: 'src/train.py',
          url: 'https://github.com/acme/fraud-scorer/blob/main/src/train.py',
        },
      ],
      observedAt: daysAgo(1, now),
      counts: true,
    }),
    buildCheck('deployment-script', {
      status: 'pass',
      message: 'deploy/deploy.sh exists at the source location.',
      source: 'repository',
      links: [
        {
          title: 'deploy/deploy.sh',
          url: 'https://github.com/acme/fraud-scorer/blob/main/deploy/deploy.sh',
        },
      ],
      observedAt: daysAgo(1, now),
      counts: true,
    }),
    buildCheck('serving-logging', {
      status: 'declared',
      message:
        'Declared by mlops-maturity.io/serving-logs; no tool can verify it.',
      source: 'annotation',
      links: [
        {
          title: 'Serving logs',
          url: 'https://grafana.example.com/explore?logs=fraud-scorer',
        },
      ],
      counts: true,
    }),
    buildCheck('experiment-tracking', {
      status: 'pass',
      message:
        'Registered model fraud-scorer has 12 versions; the latest has metrics.',
      source: 'mlflow',
      evidence: { model: 'fraud-scorer', version: '12' },
      links: [
        {
          title: 'MLflow model version 12',
          url: 'https://mlflow.example.com/#/models/fraud-scorer/versions/12',
        },
      ],
      observedAt: daysAgo(3, now),
      counts: true,
    }),
    buildCheck('training-pipeline', {
      status: 'pass',
      message:
        'Airflow did not answer (timeout); showing the successful run of 9 days ago.',
      source: 'airflow',
      evidence: {
        dagId: 'fraud_scorer_training',
        runId: 'scheduled__2026-03-11',
      },
      links: [
        {
          title: 'Airflow run scheduled__2026-03-11',
          url: 'https://airflow.example.com/dags/fraud_scorer_training/grid?dag_run_id=scheduled__2026-03-11',
        },
      ],
      observedAt: daysAgo(9, now),
      stale: true,
      counts: true,
    }),
    buildCheck('quality-gate', {
      status: 'declared',
      message:
        'Declared by mlops-maturity.io/quality-gate; no CI run was found to verify it.',
      source: 'annotation',
      counts: true,
    }),
    buildCheck('drift-monitoring', {
      status: 'unknown',
      message: 'Evidently answered 503 and there is no earlier pass to keep.',
      source: 'evidently',
      observedAt: daysAgo(0.25, now),
    }),
    buildCheck('quality-dashboard', {
      status: 'not-declared',
      message:
        'No annotation links a dashboard of prediction quality beside business metrics.',
    }),
    buildCheck('ab-testing', {
      status: 'invalid',
      message:
        "kserve.io/inference-service names the instance 'prod-eu', which is not configured.",
    }),
    buildCheck('drift-triggered-retraining', {
      status: 'not-declared',
      message:
        'No annotation sets mlops-maturity.io/retrain-cadence: on-drift.',
    }),
    buildCheck('auto-promotion', {
      status: 'fail',
      message:
        'MLflow answered: no version of fraud-scorer was promoted automatically in 180 days.',
      source: 'mlflow',
      links: [
        {
          title: 'MLflow registered model fraud-scorer',
          url: 'https://mlflow.example.com/#/models/fraud-scorer',
        },
      ],
      observedAt: daysAgo(3, now),
    }),
    buildCheck('feature-store', {
      status: 'not-declared',
      message: 'No annotation points at a Feast feature service.',
    }),
  ];
}

/**
 * A realistic assessment of `component:default/fraud-scorer`: L2 Automated, verified L0 Manual,
 * target L3 Monitored (not met), one annotation problem, three L3 blockers.
 */
export function buildAssessment(
  overrides: Partial<Assessment> = {},
  now: Date = FIXTURE_NOW,
): Assessment {
  const checks = overrides.checks ?? buildChecks(now);
  const blockers = checks
    .filter(c => c.level === 3 && c.status !== 'pass')
    .map(c => buildBlocker(c));
  return {
    entityRef: FRAUD_SCORER_REF,
    title: 'Fraud scorer',
    owner: 'group:default/fraud-ml',
    system: 'system:default/payments',
    lifecycle: 'production',
    level: 2,
    verifiedLevel: 0,
    targetLevel: 3,
    targetReason:
      'Default target: group:default/fraud-ml runs 4 ML services and the service is not marked high-stakes.',
    meetsTarget: false,
    skippedFoundations: false,
    problems: [
      {
        annotation: 'mlops-maturity.io/retrain-cadence',
        message:
          "Unknown retrain cadence 'sometimes'; expected daily, weekly, monthly, quarterly or on-drift.",
      },
    ],
    assessedAt: now.toISOString(),
    rubricVersion: '1.0.0',
    checks,
    nextLevel: { level: 3, blockers, effort: '4–8 weeks' },
    ...overrides,
  };
}

/** The compact history of {@link buildAssessment}: a row per change, oldest first. */
export function buildHistory(now: Date = FIXTURE_NOW): HistoryEntry[] {
  return [
    {
      assessedAt: daysAgo(120, now),
      level: 0,
      verifiedLevel: 0,
      targetLevel: 3,
      rubricVersion: '1.0.0',
      rubricChanged: false,
      changes: [],
    },
    {
      assessedAt: daysAgo(90, now),
      level: 1,
      verifiedLevel: 0,
      targetLevel: 3,
      rubricVersion: '1.0.0',
      rubricChanged: false,
      changes: [
        { checkId: 'training-script', from: 'not-declared', to: 'pass' },
        { checkId: 'deployment-script', from: 'not-declared', to: 'pass' },
      ],
    },
    {
      assessedAt: daysAgo(30, now),
      level: 2,
      verifiedLevel: 0,
      targetLevel: 3,
      rubricVersion: '1.0.0',
      rubricChanged: false,
      changes: [
        { checkId: 'experiment-tracking', from: 'not-declared', to: 'pass' },
        { checkId: 'training-pipeline', from: 'declared', to: 'pass' },
      ],
    },
  ];
}

/**
 * A `ResponseError` as `MlopsMaturityClient` throws it for a backend error answer, e.g.
 * `await responseError(404, 'NotFoundError', 'No assessment of component:default/fraud-scorer')`.
 */
export function responseError(
  status: number,
  name: string,
  message: string,
): Promise<ResponseError> {
  const statusText =
    { 403: 'Forbidden', 404: 'Not Found', 500: 'Internal Server Error' }[
      status
    ] ?? 'Error';
  const body = JSON.stringify({
    error: { name, message },
    request: { method: 'GET', url: '/api/mlops-maturity/v1/entities' },
    response: { statusCode: status },
  });
  const response = {
    ok: false,
    status,
    statusText,
    url: 'http://localhost:7007/api/mlops-maturity/v1/entities/component/default/fraud-scorer',
    headers: new Map([['content-type', 'application/json; charset=utf-8']]),
    text: async () => body,
  } as unknown as Response;
  return ResponseError.fromResponse(response);
}
