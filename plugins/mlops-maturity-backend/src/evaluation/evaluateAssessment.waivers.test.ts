import type { Entity } from '@backstage/catalog-model';
import type { Waiver } from '@mlops-maturity/plugin-mlops-maturity-common';
import { parseAnnotations } from '../evidence/parseAnnotations';
import { loadRubric } from '../rubric/loadRubric';
import { evaluateAssessment } from './evaluateAssessment';
import type { Evidence } from './types';

const now = new Date('2026-12-10T12:00:00Z');
const rubric = loadRubric();

/** Every check of levels 1 and 2 but the quality gate, declared. */
const ALL_BUT_QUALITY_GATE = {
  'mlops-maturity.io/training-entrypoint': 'src/train.py',
  'mlops-maturity.io/deployment-entrypoint': 'deploy.sh',
  'mlops-maturity.io/serving-logs': 'https://logs.example/app',
  'mlflow.org/registered-model': 'churn',
  'airflow.apache.org/dag-id': 'train_churn',
};

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'churn',
    annotations: ALL_BUT_QUALITY_GATE,
    tags: ['ml-service'],
  },
  spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
};

function waiver(checkId: string, overrides: Partial<Waiver> = {}): Waiver {
  return {
    id: '1',
    entityRef: 'component:default/churn',
    checkId,
    reason: 'Batch model: nothing to gate',
    author: 'user:default/olu',
    createdAt: '2026-12-01T00:00:00.000Z',
    expiresAt: '2027-03-01T00:00:00.000Z',
    ...overrides,
  };
}

/** A pass from the first verifier of each of these checks. */
const passes = (...checkIds: string[]): Evidence[] =>
  checkIds.map(checkId => ({
    checkId,
    status: 'pass',
    message: 'proved',
    source: rubric.checks.find(c => c.id === checkId)!.verifiers[0].source,
  }));

function evaluate(options: {
  waivers?: Waiver[];
  evidence?: Evidence[];
  acceptDeclared?: boolean;
}) {
  return evaluateAssessment({
    entity,
    ownerServiceCount: 3,
    parsed: parseAnnotations(entity, { rubric, instances: {} }),
    evidence: options.evidence ?? [],
    rubric,
    acceptDeclared: options.acceptDeclared ?? true,
    waivers: options.waivers,
    now,
  }).assessment;
}

describe('evaluateAssessment with waivers', () => {
  const L1 = ['training-script', 'deployment-script', 'serving-logging'];
  const L2_PROVEN = ['experiment-tracking', 'training-pipeline'];

  it.each([
    {
      name: 'no waiver: the quality gate blocks level 2',
      waivers: [],
      level: 1,
      verifiedLevel: 1,
      gate: 'not-declared',
      waived: 0,
      listed: 0,
    },
    {
      name: 'an active waiver of the last blocker reaches level 2, not verified',
      waivers: [waiver('quality-gate')],
      level: 2,
      verifiedLevel: 1,
      gate: 'waived',
      waived: 1,
      listed: 1,
    },
    {
      name: 'an expired waiver no longer counts',
      waivers: [waiver('quality-gate', { expiresAt: now.toISOString() })],
      level: 1,
      verifiedLevel: 1,
      gate: 'not-declared',
      waived: 0,
      listed: 0,
    },
    {
      name: 'a revoked waiver no longer counts',
      waivers: [
        waiver('quality-gate', {
          revokedAt: '2026-12-05T00:00:00.000Z',
          revokedBy: 'user:default/olu',
        }),
      ],
      level: 1,
      verifiedLevel: 1,
      gate: 'not-declared',
      waived: 0,
      listed: 0,
    },
    {
      name: 'a waiver of a check that is not in the rubric changes nothing',
      waivers: [waiver('no-such-check')],
      level: 1,
      verifiedLevel: 1,
      gate: 'not-declared',
      waived: 0,
      listed: 0,
    },
  ])('$name', ({ waivers, level, verifiedLevel, gate, waived, listed }) => {
    const a = evaluate({
      waivers,
      evidence: passes(...L1, ...L2_PROVEN),
      acceptDeclared: false,
    });
    expect(a.level).toBe(level);
    expect(a.verifiedLevel).toBe(verifiedLevel);
    expect(a.checks.find(c => c.id === 'quality-gate')?.status).toBe(gate);
    expect(a.waivedChecks).toBe(waived);
    expect(a.waivers ?? []).toHaveLength(listed);
  });

  it('shows the waived check with its status without the waiver, and no longer as a blocker', () => {
    const a = evaluate({
      waivers: [waiver('quality-gate')],
      evidence: passes(...L1, ...L2_PROVEN),
      acceptDeclared: false,
    });
    expect(a.checks.find(c => c.id === 'quality-gate')).toMatchObject({
      status: 'waived',
      waivedStatus: 'not-declared',
      counts: true,
      stale: false,
      message: expect.stringContaining(
        'Waived by user:default/olu until 2027-03-01: Batch model: nothing to gate',
      ),
    });
    expect(a.nextLevel?.level).toBe(3);
    expect(a.nextLevel?.blockers.map(b => b.checkId)).not.toContain(
      'quality-gate',
    );
    expect(a.waivers).toEqual([waiver('quality-gate')]);
    expect(a.meetsTarget).toBe(a.level >= a.targetLevel);
  });

  it('never lifts verifiedLevel: a waived level 1 check keeps it at 0 while level rises', () => {
    const without = evaluate({
      evidence: passes('deployment-script', 'serving-logging', ...L2_PROVEN),
      acceptDeclared: false,
    });
    const waived = evaluate({
      waivers: [waiver('training-script'), waiver('quality-gate')],
      evidence: passes('deployment-script', 'serving-logging', ...L2_PROVEN),
      acceptDeclared: false,
    });
    expect([without.level, without.verifiedLevel]).toEqual([0, 0]);
    expect([waived.level, waived.verifiedLevel]).toEqual([2, 0]);
    expect(waived.waivedChecks).toBe(2);
  });

  it('leaves a check that counts anyway as it is: a waiver never hides evidence', () => {
    const a = evaluate({
      waivers: [waiver('training-script')],
      evidence: passes(...L1),
    });
    expect(a.checks.find(c => c.id === 'training-script')).toMatchObject({
      status: 'pass',
      counts: true,
    });
    expect(a.waivedChecks).toBe(0);
    // Still listed: it applies again if the evidence goes.
    expect(a.waivers).toHaveLength(1);
  });
});
