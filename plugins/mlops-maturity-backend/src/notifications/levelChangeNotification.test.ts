import { loadRubric } from '../rubric/loadRubric';
import {
  entityTabPath,
  LevelChange,
  levelChangeNotification,
} from './levelChangeNotification';

const rubric = loadRubric();
const change = (fields: Partial<LevelChange> = {}): LevelChange => ({
  id: 42,
  entityRef: 'component:default/churn-predictor',
  owner: 'group:default/team-a',
  from: { level: 2, verifiedLevel: 1, targetLevel: 3, rubricVersion: 'v1' },
  to: { level: 3, verifiedLevel: 1, targetLevel: 3, rubricVersion: 'v1' },
  changes: [
    { checkId: 'drift-monitoring', from: 'not-declared', to: 'declared' },
    { checkId: 'quality-dashboard', from: 'not-declared', to: 'declared' },
  ],
  ...fields,
});

describe('levelChangeNotification', () => {
  it("tells the owning group the old and new level, the target, why, and links to the service's tab", () => {
    expect(levelChangeNotification(change(), rubric)).toEqual({
      recipients: { type: 'entity', entityRef: 'group:default/team-a' },
      payload: {
        title: 'churn-predictor: MLOps level 2 → 3',
        description:
          'Level L2 Automated → L3 Monitored. ' +
          'Why: Data and prediction drift are measured: not declared → declared; ' +
          'Quality beside business metrics: not declared → declared. ' +
          'Verified level L1 Scripted, unchanged. ' +
          'Target L3 Monitored: met, was not met.',
        link: '/catalog/default/component/churn-predictor/mlops-maturity',
        severity: 'normal',
        topic: 'mlops-maturity',
        scope: 'mlops-maturity:history:42',
        metadata: {
          entityRef: 'component:default/churn-predictor',
          level: 3,
          previousLevel: 2,
          verifiedLevel: 1,
          previousVerifiedLevel: 1,
          targetLevel: 3,
          meetsTarget: true,
        },
      },
    });
  });

  it.each<[string, Partial<LevelChange>, string, string, string]>([
    [
      'a lower level is high severity',
      {
        to: { level: 1, verifiedLevel: 1, targetLevel: 3, rubricVersion: 'v1' },
      },
      'churn-predictor: MLOps level 2 → 1',
      'high',
      'Level L2 Automated → L1 Scripted. Verified level L1 Scripted, unchanged. Target L3 Monitored: not met.',
    ],
    [
      'a verified level alone names the verified level',
      {
        to: { level: 2, verifiedLevel: 2, targetLevel: 3, rubricVersion: 'v1' },
      },
      'churn-predictor: verified MLOps level 1 → 2',
      'normal',
      'Level L2 Automated, unchanged. Verified level L1 Scripted → L2 Automated. Target L3 Monitored: not met.',
    ],
    [
      'a lower verified level is high severity',
      {
        to: { level: 2, verifiedLevel: 0, targetLevel: 3, rubricVersion: 'v1' },
      },
      'churn-predictor: verified MLOps level 1 → 0',
      'high',
      'Level L2 Automated, unchanged. Verified level L1 Scripted → L0 Manual. Target L3 Monitored: not met.',
    ],
    [
      'a target that fell to the level is met now',
      {
        to: { level: 2, verifiedLevel: 1, targetLevel: 2, rubricVersion: 'v1' },
      },
      'churn-predictor: meets its MLOps target, level 2',
      'normal',
      'Level L2 Automated, unchanged. Verified level L1 Scripted, unchanged. Target L3 Monitored → L2 Automated: met, was not met.',
    ],
    [
      'a target that rose above the level is lost, high severity',
      {
        from: {
          level: 2,
          verifiedLevel: 1,
          targetLevel: 2,
          rubricVersion: 'v1',
        },
        to: { level: 2, verifiedLevel: 1, targetLevel: 4, rubricVersion: 'v1' },
      },
      'churn-predictor: below its MLOps target, level 4',
      'high',
      'Level L2 Automated, unchanged. Verified level L1 Scripted, unchanged. Target L2 Automated → L4 Optimized: not met, was met.',
    ],
  ])('%s', (_what, fields, title, severity, levels) => {
    const sent = levelChangeNotification(change(fields), rubric)!;
    expect(sent.payload.title).toBe(title);
    expect(sent.payload.severity).toBe(severity);
    const [level, ...rest] = levels.split('. ');
    expect(sent.payload.description).toBe(
      `${level}. Why: Data and prediction drift are measured: not declared → declared; Quality beside business metrics: not declared → declared. ${rest.join(
        '. ',
      )}`,
    );
  });

  it('lists five changed checks and counts the others, and says when none changed', () => {
    const ids = rubric.checks.slice(0, 7).map(c => c.id);
    const many = levelChangeNotification(
      change({
        changes: ids.map(checkId => ({ checkId, from: 'pass', to: 'unknown' })),
      }),
      rubric,
    )!;
    expect(many.payload.description).toMatch(
      / Why: Training is a script: pass → unknown; (.+?: pass → unknown; ){4}and 2 more\. Verified level/,
    );
    const none = levelChangeNotification(change({ changes: [] }), rubric)!;
    expect(none.payload.description).toMatch(
      /^Level L2 Automated → L3 Monitored\. No check changed status\. Verified level/,
    );
    const unknownCheck = levelChangeNotification(
      change({ changes: [{ checkId: 'my-check', to: 'pass' }] }),
      rubric,
    )!;
    expect(unknownCheck.payload.description).toMatch(
      / Why: my-check: absent → pass\. Verified level/,
    );
  });

  it('names the service by its title, and notifies the entity when it has no owner', () => {
    const sent = levelChangeNotification(
      change({ title: 'Churn predictor', owner: undefined }),
      rubric,
    )!;
    expect(sent.payload.title).toBe('Churn predictor: MLOps level 2 → 3');
    expect(sent.recipients).toEqual({
      type: 'entity',
      entityRef: 'component:default/churn-predictor',
    });
  });

  it('says nothing about a first assessment, a rubric change, an unchanged standing or a change whose row before is gone', () => {
    const v1 = {
      level: 2,
      verifiedLevel: 1,
      targetLevel: 3,
      rubricVersion: 'v1',
    };
    for (const fields of [
      { from: undefined },
      { to: { ...v1, level: 3, rubricVersion: 'v2' } },
      { to: v1 },
    ]) {
      expect(levelChangeNotification(change(fields), rubric)).toBeUndefined();
    }
  });
});

describe('entityTabPath', () => {
  it("is the catalog's entity page and the tab, each part encoded", () => {
    expect(entityTabPath('component:default/churn')).toBe(
      '/catalog/default/component/churn/mlops-maturity',
    );
    expect(entityTabPath('Resource:ml-team/model#1')).toBe(
      '/catalog/ml-team/resource/model%231/mlops-maturity',
    );
  });
});
