import type { Assessment } from '@mlops-maturity/plugin-mlops-maturity-common';
import { explainNextLevel } from './explainNextLevel';

const base: Assessment = {
  entityRef: 'component:default/churn',
  level: 2,
  verifiedLevel: 1,
  targetLevel: 3,
  targetReason: 'production service',
  meetsTarget: false,
  skippedFoundations: false,
  problems: [],
  assessedAt: '2026-11-30T12:00:00Z',
  rubricVersion: 'abc',
  checks: [],
};

describe('explainNextLevel', () => {
  it('says where the service stands and what each blocker needs', () => {
    expect(
      explainNextLevel({
        ...base,
        nextLevel: {
          level: 3,
          effort: '4–8 weeks',
          blockers: [
            {
              checkId: 'monitoring',
              title: 'Model monitoring',
              status: 'fail',
              message: 'No Evidently project "churn".',
              guidance: 'Create the project and report drift daily',
            },
          ],
        },
      }),
    ).toBe(
      [
        'component:default/churn is at L2 Automated (L1 Scripted on live evidence alone).',
        'Its target is L3 Monitored (production service), which it does not meet yet.',
        'To reach L3 Monitored, one check blocks (effort: 4–8 weeks):',
        '1. Model monitoring (monitoring, fail): No Evidently project "churn". To do: Create the project and report drift daily',
      ].join('\n'),
    );
  });

  it('says so at the highest level', () => {
    expect(
      explainNextLevel({
        ...base,
        level: 4,
        verifiedLevel: 4,
        meetsTarget: true,
      }),
    ).toBe(
      [
        'component:default/churn is at L4 Optimized.',
        'It meets its target, L3 Monitored (production service).',
        'It is at the highest level.',
      ].join('\n'),
    );
  });
});
