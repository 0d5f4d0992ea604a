import type { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import type {
  CheckResult,
  Rubric,
} from '@mlops-maturity/plugin-mlops-maturity-common';
import { annotationsForLevel } from '../__testUtils__/assessments';
import { parseAnnotations } from '../evidence/parseAnnotations';
import { loadRubric } from '../rubric/loadRubric';
import type { SourceResult } from '../store/MaturityStore';
import { evaluateAssessment } from './evaluateAssessment';
import type { Evidence } from './types';

/**
 * One table row per evidence rule; each row fails when its rule is dropped from the
 * evaluation.
 */

const now = new Date('2026-11-29T12:00:00Z');
const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);

/** Annotations that declare every check of levels 1 to `level`. */
const upTo = annotationsForLevel;

const item = (
  checkId: string,
  source: string,
  status: Evidence['status'],
  observedAt?: Date,
): Evidence => ({
  checkId,
  source,
  status,
  message: `${source} says ${status}`,
  observedAt,
});

const kept = (
  checkId: string,
  source: string,
  status: SourceResult['status'],
  observedAt: Date | undefined,
  verifiedAt = daysAgo(1),
): SourceResult => ({
  checkId,
  source,
  status,
  message: `${source} verified ${status}`,
  links: [],
  observedAt,
  verifiedAt,
});

interface Row {
  rule: string;
  annotations: Record<string, string>;
  evidence: Evidence[];
  previous?: SourceResult[];
  rubric?: Rubric;
  acceptDeclared?: boolean;
  expect: Record<string, Partial<CheckResult>>;
  level?: number;
  verifiedLevel?: number;
}

function assess(row: Row) {
  const rubric = row.rubric ?? loadRubric();
  const entity: Entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'churn', annotations: row.annotations },
    spec: { owner: 'team-a' },
  };
  return evaluateAssessment({
    entity,
    ownerServiceCount: 1,
    parsed: parseAnnotations(entity, {
      rubric,
      instances: { mlflow: ['prod'], airflow: ['prod'] },
    }),
    evidence: row.evidence,
    previous: row.previous,
    rubric,
    acceptDeclared: row.acceptDeclared ?? true,
    now,
  });
}

const customRubric = (checks: Record<string, unknown>) =>
  loadRubric(
    new ConfigReader({ mlopsMaturity: { rubric: { checks } } } as any),
  );

const MLFLOW_CHECKS = ['experiment-tracking', 'quality-gate', 'auto-promotion'];

const rows: Row[] = [
  {
    rule: 'a verified fail stays not counting while its tool is down',
    annotations: { ...upTo(2) },
    evidence: [item('experiment-tracking', 'mlflow', 'unknown')],
    previous: [kept('experiment-tracking', 'mlflow', 'fail', daysAgo(3))],
    expect: {
      'experiment-tracking': { status: 'unknown', stale: true, counts: false },
    },
    level: 1,
  },
  {
    rule: 'MLflow down after it proved three checks: all three kept, stale and counting',
    annotations: { ...upTo(2), 'mlops-maturity.io/promotion': 'automatic' },
    evidence: MLFLOW_CHECKS.map(id => item(id, 'mlflow', 'unknown')),
    previous: MLFLOW_CHECKS.map(id => kept(id, 'mlflow', 'pass', daysAgo(2))),
    expect: Object.fromEntries(
      MLFLOW_CHECKS.map(id => [
        id,
        { status: 'unknown', stale: true, counts: true },
      ]),
    ),
  },
  {
    rule: 'the kept window is measured from the proof’s observedAt, not from when it was verified',
    annotations: { ...upTo(3) },
    evidence: [item('drift-monitoring', 'evidently', 'unknown')],
    // Verified yesterday, but the drift report it saw is 20 days old: past the 14-day window.
    previous: [kept('drift-monitoring', 'evidently', 'pass', daysAgo(20))],
    acceptDeclared: false,
    expect: { 'drift-monitoring': { counts: false, stale: false } },
  },
  {
    rule: 'a fresh pass from one source beats a kept pass from another (kept first)',
    annotations: { ...upTo(2) },
    evidence: [
      item('quality-gate', 'github', 'unknown'),
      item('quality-gate', 'mlflow', 'pass', daysAgo(5)),
    ],
    previous: [kept('quality-gate', 'github', 'pass', daysAgo(3))],
    expect: {
      'quality-gate': { status: 'pass', source: 'mlflow', stale: false },
    },
  },
  {
    rule: 'a fresh pass from one source beats a kept pass from another (fresh first)',
    annotations: { ...upTo(2) },
    evidence: [
      item('quality-gate', 'mlflow', 'pass', daysAgo(5)),
      item('quality-gate', 'github', 'unknown'),
    ],
    previous: [kept('quality-gate', 'github', 'pass', daysAgo(3))],
    expect: {
      'quality-gate': { status: 'pass', source: 'mlflow', stale: false },
    },
  },
  {
    rule: 'a fresh pass wins however the sources arrive: stale pass from A, fresh from B',
    annotations: { ...upTo(2) },
    evidence: [
      item('experiment-tracking', 'mlflow', 'pass', daysAgo(200)),
      item('experiment-tracking', 'wandb', 'pass', daysAgo(1)),
    ],
    expect: {
      'experiment-tracking': { status: 'pass', source: 'wandb' },
    },
  },
  {
    rule: 'a repository fail is not hidden by GitHub being down',
    annotations: { ...upTo(2) },
    evidence: [
      item('quality-gate', 'repository', 'fail'),
      item('quality-gate', 'github', 'unknown'),
    ],
    expect: { 'quality-gate': { status: 'fail', counts: false } },
    level: 1,
  },
  {
    rule: 'a GitHub answer supersedes the workflow file’s mere existence',
    annotations: { ...upTo(2) },
    evidence: [
      item('quality-gate', 'repository', 'pass'),
      item('quality-gate', 'github', 'fail'),
    ],
    expect: { 'quality-gate': { status: 'fail', source: 'github' } },
  },
  {
    rule: 'a check never verified falls back to its annotation during an outage',
    annotations: { ...upTo(2) },
    evidence: [item('experiment-tracking', 'mlflow', 'unknown')],
    expect: {
      'experiment-tracking': {
        status: 'declared',
        counts: true,
        message: expect.stringContaining('mlflow says unknown'),
      },
    },
  },
  {
    rule: 'evidence from a source that is not one of the check’s verifiers is ignored',
    annotations: { ...upTo(1) },
    evidence: [item('experiment-tracking', 'airflow', 'pass', daysAgo(1))],
    expect: { 'experiment-tracking': { status: 'not-declared' } },
  },
  {
    rule: 'a tie between two sources breaks the same way whatever the arrival order',
    annotations: { ...upTo(2) },
    evidence: [
      item('experiment-tracking', 'sagemaker', 'fail'),
      item('experiment-tracking', 'mlflow', 'fail'),
    ],
    expect: { 'experiment-tracking': { source: 'mlflow' } },
  },
  {
    rule: 'overridden annotations declare the check',
    annotations: { ...upTo(1), 'acme.com/registry': 'https://registry/churn' },
    rubric: customRubric({
      'experiment-tracking': { annotations: ['acme.com/registry'] },
    }),
    evidence: [],
    expect: { 'experiment-tracking': { status: 'declared', counts: true } },
  },
  {
    rule: 'the replaced annotation no longer declares the check',
    annotations: { ...upTo(1), 'mlflow.org/registered-model': 'prod:churn' },
    rubric: customRubric({
      'experiment-tracking': { annotations: ['acme.com/registry'] },
    }),
    evidence: [],
    expect: { 'experiment-tracking': { status: 'not-declared' } },
  },
  {
    rule: 'a check moved to another level changes gating',
    annotations: {
      ...upTo(4),
      'feast.dev/feature-service': '',
    },
    rubric: customRubric({ 'feature-store': { level: 1 } }),
    evidence: [],
    expect: { 'feature-store': { level: 1, status: 'invalid' } },
    level: 0,
  },
];

describe('evidence semantics', () => {
  it.each(rows.map(r => [r.rule, r] as const))('%s', (_rule, row) => {
    const { assessment } = assess(row);
    for (const [id, expected] of Object.entries(row.expect)) {
      expect(assessment.checks.find(c => c.id === id)).toMatchObject(expected);
    }
    expect({
      level: row.level ?? assessment.level,
      verifiedLevel: row.verifiedLevel ?? assessment.verifiedLevel,
    }).toEqual({
      level: assessment.level,
      verifiedLevel: assessment.verifiedLevel,
    });
  });

  it('keeps what each source verified, and drops what a source no longer says', () => {
    const { sourceResults } = assess({
      rule: '',
      annotations: { ...upTo(2) },
      evidence: [
        item('experiment-tracking', 'mlflow', 'unknown'),
        item('training-pipeline', 'airflow', 'pass', daysAgo(1)),
      ],
      previous: [
        kept('experiment-tracking', 'mlflow', 'pass', daysAgo(2)),
        kept('quality-gate', 'mlflow', 'pass', daysAgo(2)),
      ],
      expect: {},
    });
    expect(sourceResults).toEqual([
      kept('experiment-tracking', 'mlflow', 'pass', daysAgo(2)),
      expect.objectContaining({
        checkId: 'training-pipeline',
        source: 'airflow',
        status: 'pass',
        verifiedAt: now,
      }),
    ]);
  });

  it('keeps the stored row for the same answer within a day, so an unchanged estate writes nothing', () => {
    const row = (verifiedAt: Date) =>
      assess({
        rule: '',
        annotations: { ...upTo(2) },
        evidence: [item('training-pipeline', 'airflow', 'pass', daysAgo(3))],
        previous: [
          {
            ...kept('training-pipeline', 'airflow', 'pass', daysAgo(3)),
            message: 'airflow says pass',
            verifiedAt,
          },
        ],
        expect: {},
      }).sourceResults[0].verifiedAt;
    const hourAgo = new Date(now.getTime() - 3_600_000);
    expect(row(hourAgo)).toEqual(hourAgo);
    expect(row(daysAgo(2))).toEqual(now);
  });

  it('an outage moves neither level nor verified level, up or down', () => {
    const annotations = { ...upTo(2) };
    const healthy: Evidence[] = [
      item('training-script', 'repository', 'pass'),
      item('deployment-script', 'repository', 'pass'),
      item('experiment-tracking', 'mlflow', 'pass', daysAgo(1)),
      item('quality-gate', 'mlflow', 'fail', daysAgo(1)),
      item('training-pipeline', 'airflow', 'pass', daysAgo(1)),
    ];
    const first = assess({
      rule: '',
      annotations,
      evidence: healthy,
      expect: {},
    });
    const down = assess({
      rule: '',
      annotations,
      evidence: healthy.map(e =>
        e.source === 'mlflow' ? { ...e, status: 'unknown' as const } : e,
      ),
      previous: first.sourceResults,
      expect: {},
    });
    expect(down.assessment.level).toBe(first.assessment.level);
    expect(down.assessment.verifiedLevel).toBe(first.assessment.verifiedLevel);
    expect(down.assessment.checks.map(c => c.counts)).toEqual(
      first.assessment.checks.map(c => c.counts),
    );
  });
});
