import type { Entity } from '@backstage/catalog-model';
import { parseAnnotations } from '../evidence/parseAnnotations';
import { evaluateAssessment } from '../evaluation/evaluateAssessment';
import type { Evidence } from '../evaluation/types';
import { loadRubric } from '../rubric/loadRubric';
import type { AssessmentWrite } from '../store/MaturityStore';

/** Annotations that declare every check of levels 1 to `level`. */
export function annotationsForLevel(level: number): Record<string, string> {
  const sets: Record<string, string>[] = [
    {
      'mlops-maturity.io/training-entrypoint': 'src/train.py',
      'mlops-maturity.io/deployment-entrypoint': 'deploy.sh',
      'mlops-maturity.io/serving-logs': 'https://logs.example/app',
    },
    {
      'mlflow.org/registered-model': 'model',
      'airflow.apache.org/dag-id': 'train',
      'mlops-maturity.io/quality-gate': '.github/workflows/q.yml',
    },
    {
      'evidentlyai.com/project-id': 'p1',
      'mlops-maturity.io/quality-dashboard': 'https://grafana.example/d/1',
      'kserve.io/inference-service': 'models/m',
    },
    {
      'mlops-maturity.io/retrain-cadence': 'on-drift',
      'mlops-maturity.io/promotion': 'automatic',
      'feast.dev/feature-service': 'features',
    },
  ];
  return Object.assign({}, ...sets.slice(0, level));
}

/** An ML service entity for tests. */
export function mlService(
  name: string,
  options: {
    level?: number;
    owner?: string;
    system?: string;
    annotations?: Record<string, string>;
    tags?: string[];
  } = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      tags: ['ml-service', ...(options.tags ?? [])],
      annotations: {
        ...annotationsForLevel(options.level ?? 0),
        ...options.annotations,
      },
    },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: options.owner ?? 'team-a',
      ...(options.system ? { system: options.system } : {}),
    },
  };
}

/** Evaluates an entity as the engine would, for store tests. */
export function assessmentWrite(
  entity: Entity,
  options: { now?: Date; evidence?: Evidence[]; domain?: string } = {},
): AssessmentWrite {
  const rubric = loadRubric();
  return evaluateAssessment({
    entity,
    ownerServiceCount: 3,
    domain: options.domain,
    parsed: parseAnnotations(entity, { rubric, instances: {} }),
    evidence: options.evidence ?? [],
    rubric,
    acceptDeclared: true,
    now: options.now ?? new Date('2026-11-26T12:00:00Z'),
  });
}
