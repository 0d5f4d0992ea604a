import { buildHistory, FIXTURE_NOW } from '../../__testUtils__/assessments';
import { summarizeHistory, toHistoryPoints } from './historySummary';

describe('toHistoryPoints', () => {
  it('sorts the rows and carries the last step up to the current assessment', () => {
    const history = buildHistory().reverse();
    const points = toHistoryPoints(history, {
      assessedAt: FIXTURE_NOW.toISOString(),
      level: 2,
      verifiedLevel: 1,
      targetLevel: 3,
    });
    expect(points.map(p => [p.level, p.verifiedLevel])).toEqual([
      [0, 0],
      [1, 0],
      [2, 0],
      [2, 1],
    ]);
    expect(points[3].t).toBe(FIXTURE_NOW.getTime());
    expect(points.map(p => p.t)).toEqual([...points.map(p => p.t)].sort());
  });

  it('does not add the current state when it is not newer than the last row', () => {
    const history = buildHistory();
    const points = toHistoryPoints(history, {
      assessedAt: history[2].assessedAt,
      level: 2,
      verifiedLevel: 0,
      targetLevel: 3,
    });
    expect(points).toHaveLength(3);
  });
});

describe('summarizeHistory', () => {
  it('describes the movement of both levels', () => {
    const points = toHistoryPoints(buildHistory(), {
      assessedAt: FIXTURE_NOW.toISOString(),
      level: 2,
      verifiedLevel: 0,
      targetLevel: 3,
    });
    expect(summarizeHistory(points)).toBe(
      'From 2025-11-20 to 2026-03-20 the level rose from L0 Manual to L2 Automated and the verified level stayed at L0 Manual (3 recorded changes).',
    );
  });

  it('says when the level fell and when the rubric changed', () => {
    const [first] = buildHistory();
    const points = toHistoryPoints([
      { ...first, level: 3, verifiedLevel: 2 },
      {
        ...first,
        assessedAt: '2026-02-01T00:00:00Z',
        level: 2,
        verifiedLevel: 2,
        rubricVersion: '1.1.0',
        rubricChanged: true,
      },
    ]);
    expect(summarizeHistory(points)).toBe(
      'From 2025-11-20 to 2026-02-01 the level fell from L3 Monitored to L2 Automated and the verified level stayed at L2 Automated (2 recorded changes). The rubric changed on 2026-02-01: a change of definition, not a regression.',
    );
  });

  it('handles a single row and no rows', () => {
    const [first] = buildHistory();
    expect(summarizeHistory(toHistoryPoints([first]))).toBe(
      'On 2025-11-20 the level was L0 Manual and the verified level L0 Manual (1 recorded change).',
    );
    expect(summarizeHistory([])).toBe('No history has been recorded yet.');
  });
});
