import type { Entity } from '@backstage/catalog-model';
import { parseAnnotations } from '../evidence/parseAnnotations';
import { loadRubric } from '../rubric/loadRubric';
import { ConfigReader } from '@backstage/config';
import { evaluateAssessment, EvaluationInput } from './evaluateAssessment';
import type { SourceResult } from '../store/MaturityStore';
import type { Evidence } from './types';

const now = new Date('2026-11-26T12:00:00Z');
const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);
const rubric = loadRubric();

const L1 = {
  'mlops-maturity.io/training-entrypoint': 'src/train.py',
  'mlops-maturity.io/deployment-entrypoint': 'deploy.sh',
  'mlops-maturity.io/serving-logs': 'https://logs.example/app',
};
const L2 = {
  'mlflow.org/registered-model': 'churn',
  'airflow.apache.org/dag-id': 'train_churn',
  'mlops-maturity.io/quality-gate': '.github/workflows/q.yml',
};
const L3 = {
  'evidentlyai.com/project-id': 'p1',
  'mlops-maturity.io/quality-dashboard': 'https://grafana.example/d/1',
  'kserve.io/inference-service': 'models/churn',
};
const L4 = {
  'mlops-maturity.io/retrain-cadence': 'on-drift',
  'mlops-maturity.io/promotion': 'automatic',
  'feast.dev/feature-service': 'churn_features',
};

function entity(
  annotations: Record<string, string>,
  tags: string[] = ['ml-service'],
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'churn', annotations, tags },
    spec: {
      type: 'service',
      owner: 'team-a',
      system: 'crm',
      lifecycle: 'production',
    },
  };
}

function evaluate(
  annotations: Record<string, string>,
  options: Partial<EvaluationInput> & {
    tags?: string[];
    instances?: Record<string, string[]>;
  } = {},
) {
  const e = entity(annotations, options.tags);
  return evaluateAssessment({
    entity: e,
    ownerServiceCount: 3,
    parsed: parseAnnotations(e, {
      rubric,
      instances: options.instances ?? {},
    }),
    evidence: [],
    rubric,
    acceptDeclared: true,
    now,
    ...options,
  }).assessment;
}

const mlflow = (status: Evidence['status'], observedAt?: Date): Evidence => ({
  checkId: 'experiment-tracking',
  status,
  message: `mlflow says ${status}`,
  source: 'mlflow',
  observedAt,
});

const mlflowPass = (observedAt: Date): SourceResult => ({
  checkId: 'experiment-tracking',
  source: 'mlflow',
  status: 'pass',
  message: 'mlflow said pass',
  links: [],
  observedAt,
  verifiedAt: daysAgo(1),
});

const check = (a: ReturnType<typeof evaluate>, id: string) =>
  a.checks.find(c => c.id === id)!;

describe('evaluateAssessment', () => {
  describe('levels', () => {
    it.each([
      ['nothing declared', {}, 0],
      ['all of level 1', L1, 1],
      ['levels 1 and 2', { ...L1, ...L2 }, 2],
      ['levels 1 to 3', { ...L1, ...L2, ...L3 }, 3],
      ['levels 1 to 4', { ...L1, ...L2, ...L3, ...L4 }, 4],
      [
        'no jumping: level 2 without level 1 logs',
        { ...L1, ...L2, 'mlops-maturity.io/serving-logs': undefined as any },
        0,
      ],
      ['no jumping: levels 1, 3 and 4 without 2', { ...L1, ...L3, ...L4 }, 1],
    ])('%s', (_name, annotations, expected) => {
      const clean = Object.fromEntries(
        Object.entries(annotations).filter(([, v]) => v !== undefined),
      );
      expect(evaluate(clean).level).toBe(expected);
    });

    it('counts declared checks for level but not for verifiedLevel', () => {
      const a = evaluate({ ...L1, ...L2 });
      expect(a.level).toBe(2);
      expect(a.verifiedLevel).toBe(0);
    });

    it('does not count declared checks when acceptDeclared is false', () => {
      expect(evaluate({ ...L1, ...L2 }, { acceptDeclared: false }).level).toBe(
        0,
      );
    });

    it('counts a live pass for both levels', () => {
      const e = entity({ ...L1, ...L2 });
      // Each check's pass comes from one of the sources the rubric lets verify it.
      const passes: Evidence[] = [
        ['training-script', 'repository'],
        ['deployment-script', 'repository'],
        ['serving-logging', 'prometheus'],
        ['experiment-tracking', 'mlflow'],
        ['training-pipeline', 'airflow'],
        ['quality-gate', 'github'],
      ].map(([checkId, source]) => ({
        checkId,
        status: 'pass',
        message: 'ok',
        source,
      }));
      const a = evaluate({ ...L1, ...L2 }, { entity: e, evidence: passes });
      expect(a.verifiedLevel).toBe(2);
    });

    it('lets a non-required check not gate its level', () => {
      const lenient = loadRubric(
        new ConfigReader({
          mlopsMaturity: {
            rubric: { checks: { 'serving-logging': { required: false } } },
          },
        }),
      );
      const { 'mlops-maturity.io/serving-logs': _, ...rest } = L1;
      expect(evaluate(rest, { rubric: lenient }).level).toBe(1);
      expect(evaluate(rest).level).toBe(0);
    });
  });

  describe('check states', () => {
    it('lets a tool fail supersede the claim of the annotation it verifies', () => {
      const a = evaluate({ ...L1, ...L2 }, { evidence: [mlflow('fail')] });
      expect(check(a, 'experiment-tracking').status).toBe('fail');
      expect(a.level).toBe(1);
    });

    it('keeps a claim from another tool when one tool fails', () => {
      const a = evaluate(
        { ...L1, ...L2, 'wandb.ai/registry-collection': 'model/churn' },
        { evidence: [mlflow('fail')] },
      );
      expect(check(a, 'experiment-tracking').status).toBe('declared');
      expect(a.level).toBe(2);
    });

    it('marks invalid annotations and does not count them', () => {
      const a = evaluate({ ...L1, ...L2, 'mlflow.org/registered-model': '' });
      expect(check(a, 'experiment-tracking')).toMatchObject({
        status: 'invalid',
        counts: false,
        message: 'mlflow.org/registered-model is empty',
      });
      expect(a.level).toBe(1);
    });

    it('says not-declared, naming the annotations, when nothing declares a check', () => {
      const c = check(evaluate({}), 'drift-monitoring');
      expect(c.status).toBe('not-declared');
      expect(c.message).toContain('evidentlyai.com/project-id');
    });

    it('fails a pass whose proof is older than the freshness window', () => {
      const a = evaluate(
        { ...L1, ...L2 },
        { evidence: [mlflow('pass', daysAgo(181))] },
      );
      expect(check(a, 'experiment-tracking').status).toBe('fail');
      const fresh = evaluate(
        { ...L1, ...L2 },
        { evidence: [mlflow('pass', daysAgo(179))] },
      );
      expect(check(fresh, 'experiment-tracking').status).toBe('pass');
    });

    it('judges a training pipeline by twice its retrain cadence', () => {
      const airflow = (days: number): Evidence => ({
        checkId: 'training-pipeline',
        status: 'pass',
        message: 'last scheduled run succeeded',
        source: 'airflow',
        observedAt: daysAgo(days),
      });
      const weekly = {
        ...L1,
        ...L2,
        'mlops-maturity.io/retrain-cadence': 'weekly',
      };
      const quarterly = {
        ...L1,
        ...L2,
        'mlops-maturity.io/retrain-cadence': 'quarterly',
      };
      const pipeline = (a: ReturnType<typeof evaluate>) =>
        check(a, 'training-pipeline').status;
      expect(pipeline(evaluate(weekly, { evidence: [airflow(13)] }))).toBe(
        'pass',
      );
      expect(pipeline(evaluate(weekly, { evidence: [airflow(15)] }))).toBe(
        'fail',
      );
      expect(pipeline(evaluate(quarterly, { evidence: [airflow(170)] }))).toBe(
        'pass',
      );
      expect(
        pipeline(evaluate({ ...L1, ...L2 }, { evidence: [airflow(46)] })),
      ).toBe('fail');
    });

    it('keeps a verified pass through an outage until its window ends', () => {
      const previous = [mlflowPass(daysAgo(10))];
      const a = evaluate(
        { ...L1, ...L2 },
        { evidence: [mlflow('unknown')], previous },
      );
      expect(check(a, 'experiment-tracking')).toMatchObject({
        status: 'unknown',
        stale: true,
        counts: true,
      });
    });

    it('stops keeping the pass once the window has ended', () => {
      const previous = [mlflowPass(daysAgo(200))];
      const a = evaluate(
        { ...L1, ...L2 },
        { evidence: [mlflow('unknown')], previous, acceptDeclared: false },
      );
      expect(check(a, 'experiment-tracking')).toMatchObject({
        status: 'unknown',
        stale: false,
        counts: false,
      });
    });

    it('never demotes the claimed level when a tool cannot be asked', () => {
      const a = evaluate({ ...L1, ...L2 }, { evidence: [mlflow('unknown')] });
      expect(a.level).toBe(2);
    });
  });

  describe('target level', () => {
    it.each([
      [
        'the annotation wins',
        { 'mlops-maturity.io/target-level': '1' },
        ['fraud-detection'],
        20,
        1,
      ],
      [
        'quarterly and a one-service owner',
        { 'mlops-maturity.io/retrain-cadence': 'quarterly' },
        [],
        1,
        2,
      ],
      [
        'P180D and a one-service owner',
        { 'mlops-maturity.io/retrain-cadence': 'P180D' },
        [],
        1,
        2,
      ],
      [
        'quarterly but two services',
        { 'mlops-maturity.io/retrain-cadence': 'quarterly' },
        [],
        2,
        3,
      ],
      [
        'monthly and a one-service owner',
        { 'mlops-maturity.io/retrain-cadence': 'monthly' },
        [],
        1,
        3,
      ],
      ['high stakes and 12 services', {}, ['pricing'], 12, 4],
      ['high stakes and 11 services', {}, ['pricing'], 11, 3],
      [
        'criticality high and 12 services',
        { 'mlops-maturity.io/criticality': 'high' },
        [],
        12,
        4,
      ],
      ['12 services, not high stakes', {}, [], 12, 3],
      [
        'a malformed target is derived instead',
        { 'mlops-maturity.io/target-level': '7' },
        ['recommendations'],
        12,
        4,
      ],
    ])('%s', (_name, annotations, tags, owned, expected) => {
      const a = evaluate(annotations, {
        tags: ['ml-service', ...tags],
        ownerServiceCount: owned,
      });
      expect(a.targetLevel).toBe(expected);
      expect(a.targetReason).not.toBe('');
    });

    it('lists a malformed target as a problem', () => {
      const a = evaluate({ 'mlops-maturity.io/target-level': '7' });
      expect(a.problems).toEqual([
        expect.objectContaining({
          annotation: 'mlops-maturity.io/target-level',
        }),
      ]);
    });

    it('reports whether the level meets the target', () => {
      expect(evaluate({ ...L1, ...L2, ...L3 }).meetsTarget).toBe(true);
      expect(evaluate({ ...L1, ...L2 }).meetsTarget).toBe(false);
    });
  });

  describe('skipped foundations', () => {
    it('flags a check two levels above the current level that counts', () => {
      expect(evaluate({ ...L1, ...L3 }).skippedFoundations).toBe(true);
      expect(
        evaluate({ 'airflow.apache.org/dag-id': 'x' }).skippedFoundations,
      ).toBe(true);
    });

    it('does not flag partial progress on the next level', () => {
      expect(
        evaluate({ ...L1, ...L2, 'evidentlyai.com/project-id': 'p' })
          .skippedFoundations,
      ).toBe(false);
      expect(
        evaluate({ ...L1, 'mlflow.org/registered-model': 'm' })
          .skippedFoundations,
      ).toBe(false);
    });
  });

  describe('next level', () => {
    it('lists the blockers of the next level with guidance and effort', () => {
      const a = evaluate({ ...L1, 'mlflow.org/registered-model': 'churn' });
      expect(a.nextLevel).toEqual({
        level: 2,
        effort: '2–4 weeks',
        blockers: [
          expect.objectContaining({
            checkId: 'training-pipeline',
            status: 'not-declared',
          }),
          expect.objectContaining({
            checkId: 'quality-gate',
            status: 'not-declared',
          }),
        ],
      });
      expect(a.nextLevel!.blockers[0].guidance).toContain('Airflow');
    });

    it('has no next level at level 4', () => {
      expect(
        evaluate({ ...L1, ...L2, ...L3, ...L4 }).nextLevel,
      ).toBeUndefined();
    });
  });
});
