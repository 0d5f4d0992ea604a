import {
  formatMaturityLevel,
  MATURITY_LEVELS,
  parseMaturityLevel,
} from './levels';

describe('levels', () => {
  it.each([
    [0, 0],
    [4, 4],
    ['2', 2],
    [' 3 ', 3],
    ['7', undefined],
    [-1, undefined],
    [2.5, undefined],
    ['', undefined],
    ['02', undefined],
    [null, undefined],
    ['two', undefined],
  ])('parses %p as %p', (input, expected) => {
    expect(parseMaturityLevel(input)).toBe(expected);
  });

  it('names every level after the framework', () => {
    expect(MATURITY_LEVELS.map(formatMaturityLevel)).toEqual([
      'L0 Manual',
      'L1 Scripted',
      'L2 Automated',
      'L3 Monitored',
      'L4 Optimized',
    ]);
  });
});
