import { LevelRecord, notifiesOfChange } from './notifiesOfChange';

const base: LevelRecord = {
  level: 2,
  verifiedLevel: 1,
  targetLevel: 3,
  rubricVersion: 'v1',
};
const changed = (fields: Partial<LevelRecord>): LevelRecord => ({
  ...base,
  ...fields,
});

describe('notifiesOfChange', () => {
  it.each<[string, LevelRecord | undefined, LevelRecord, boolean]>([
    ['a first assessment', undefined, base, false],
    [
      'a first assessment at the target',
      undefined,
      changed({ level: 3 }),
      false,
    ],
    ['nothing it records changed (a check status alone)', base, base, false],
    ['the level rose', base, changed({ level: 3 }), true],
    ['the level fell', base, changed({ level: 1 }), true],
    ['the verified level rose', base, changed({ verifiedLevel: 2 }), true],
    ['the verified level fell', base, changed({ verifiedLevel: 0 }), true],
    [
      'the target fell to the level: it meets it now',
      base,
      changed({ targetLevel: 2 }),
      true,
    ],
    [
      'the target rose, still above the level',
      base,
      changed({ targetLevel: 4 }),
      false,
    ],
    [
      'the target rose above a level that met it',
      changed({ level: 3 }),
      changed({ level: 3, targetLevel: 4 }),
      true,
    ],
    [
      'the rubric changed, the level with it',
      base,
      changed({ level: 3, rubricVersion: 'v2' }),
      false,
    ],
    ['the rubric changed alone', base, changed({ rubricVersion: 'v2' }), false],
    [
      'the level went back after a rubric change',
      changed({ level: 3, rubricVersion: 'v2' }),
      changed({ rubricVersion: 'v2' }),
      true,
    ],
  ])('%s', (_what, previous, next, expected) => {
    expect(notifiesOfChange(previous, next)).toBe(expected);
  });
});
