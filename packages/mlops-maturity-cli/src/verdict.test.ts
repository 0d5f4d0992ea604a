import {
  Assessment,
  CheckResult,
  DEFAULT_RUBRIC_CHECKS,
  DEFAULT_RUBRIC_LEVELS,
  Rubric,
} from '@mlops-maturity/plugin-mlops-maturity-common';
import { blockersToLevel, evaluateGate } from './verdict';

const rubric: Rubric = {
  version: 'abcdef123456',
  levels: [...DEFAULT_RUBRIC_LEVELS],
  checks: [...DEFAULT_RUBRIC_CHECKS],
};

/** An assessment whose checks have the given results; the rest are not declared. */
function assessment(
  results: Record<string, Partial<CheckResult>>,
  levels: Pick<Assessment, 'level' | 'verifiedLevel' | 'targetLevel'>,
): Assessment {
  return {
    entityRef: 'component:default/m',
    ...levels,
    targetReason: 'test',
    meetsTarget: levels.level >= levels.targetLevel,
    skippedFoundations: false,
    problems: [],
    assessedAt: '2026-01-31T09:30:00Z',
    rubricVersion: rubric.version,
    checks: rubric.checks.map(c => ({
      id: c.id,
      level: c.level,
      title: c.title,
      status: 'not-declared',
      message: 'Nothing declares it',
      source: 'annotation',
      links: [],
      stale: false,
      counts: false,
      ...results[c.id],
    })),
  };
}

const L1 = ['training-script', 'deployment-script', 'serving-logging'];

describe('blockersToLevel', () => {
  it('counts declared checks for the level, and only live passes for the verified level', () => {
    const a = assessment(
      {
        'training-script': { status: 'pass', counts: true },
        // A pass the source could not repeat: kept, and still verified.
        'deployment-script': { status: 'fail', stale: true, counts: true },
        'serving-logging': { status: 'declared', counts: true },
      },
      { level: 1, verifiedLevel: 0, targetLevel: 3 },
    );
    expect(
      blockersToLevel(a, rubric, 1, 'verifiedLevel').map(b => b.checkId),
    ).toEqual(['serving-logging']);
    expect(blockersToLevel(a, rubric, 1, 'level')).toEqual([]);
  });

  it('lists the required checks of every level up to the bar, with guidance and proof links', () => {
    const a = assessment(
      Object.fromEntries(
        L1.map(id => [
          id,
          {
            status: 'pass' as const,
            counts: true,
            links: [{ title: 'run', url: 'https://ci.example/1' }],
          },
        ]),
      ),
      { level: 1, verifiedLevel: 1, targetLevel: 3 },
    );
    const blockers = blockersToLevel(a, rubric, 3, 'level');
    expect(blockers.map(b => `${b.level} ${b.checkId}`)).toEqual([
      '2 experiment-tracking',
      '2 training-pipeline',
      '2 quality-gate',
      '3 drift-monitoring',
      '3 quality-dashboard',
      '3 ab-testing',
    ]);
    expect(blockers[0]).toEqual({
      level: 2,
      checkId: 'experiment-tracking',
      title: 'Runs and model versions in a registry',
      status: 'not-declared',
      message: 'Nothing declares it',
      guidance: DEFAULT_RUBRIC_CHECKS.find(c => c.id === 'experiment-tracking')!
        .guidance,
      links: [],
    });
  });

  it('names a required check the assessment lacks, as after a rubric change', () => {
    const a = assessment({}, { level: 0, verifiedLevel: 0, targetLevel: 1 });
    a.checks = a.checks.filter(c => c.id !== 'serving-logging');
    a.rubricVersion = '000000000000';
    const blocker = blockersToLevel(a, rubric, 1, 'level').find(
      b => b.checkId === 'serving-logging',
    );
    expect(blocker).toMatchObject({
      status: 'unknown',
      message:
        "Not in this assessment (rubric 000000000000; the backend's rubric is abcdef123456)",
    });
  });
});

describe('evaluateGate', () => {
  const a = assessment(
    Object.fromEntries(
      L1.map(id => [id, { status: 'declared' as const, counts: true }]),
    ),
    { level: 1, verifiedLevel: 0, targetLevel: 1 },
  );

  it("passes at the entity's target and reports no blockers", () => {
    expect(
      evaluateGate(a, rubric, {
        bar: { source: 'target' },
        basis: 'level',
      }),
    ).toEqual({
      passed: true,
      bar: { level: 1, source: 'target', compares: 'level' },
      current: 1,
      blockers: [],
    });
  });

  it('fails below a minimum level, or on the verified level', () => {
    expect(
      evaluateGate(a, rubric, {
        bar: { source: 'min-level', level: 2 },
        basis: 'level',
      }),
    ).toMatchObject({ passed: false, current: 1 });
    const verified = evaluateGate(a, rubric, {
      bar: { source: 'target' },
      basis: 'verifiedLevel',
    });
    expect(verified).toMatchObject({
      passed: false,
      current: 0,
      bar: { level: 1, compares: 'verifiedLevel' },
    });
    expect(verified.blockers.map(b => b.checkId)).toEqual(L1);
  });
});
