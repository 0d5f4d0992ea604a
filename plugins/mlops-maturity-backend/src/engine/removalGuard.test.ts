import { holdsRemoval } from './removalGuard';

describe('holdsRemoval', () => {
  const holds = (
    selected: number,
    assessed: number,
    removing: number,
    maxPercent = 50,
  ) => holdsRemoval({ selected, assessed, removing, maxPercent });

  it('holds an empty catalog answer however few entities it would remove', () => {
    expect(holds(0, 1, 1)).toBe(true);
    expect(holds(0, 3000, 3000)).toBe(true);
  });

  it('holds a drop beyond the share when it is more than a handful of entities', () => {
    expect(holds(40, 100, 60)).toBe(true);
    expect(holds(50, 100, 50)).toBe(false);
    // A small estate may shrink by a few services at once.
    expect(holds(1, 6, 5)).toBe(false);
    expect(holds(1, 7, 6)).toBe(true);
  });

  it('lets everything through with nothing to remove or with the guard off', () => {
    expect(holds(0, 0, 0)).toBe(false);
    expect(holds(10, 10, 0)).toBe(false);
    expect(holds(0, 3000, 3000, 100)).toBe(false);
    expect(holds(1, 100, 99, 100)).toBe(false);
  });

  it('follows the configured share', () => {
    expect(holds(80, 100, 20, 10)).toBe(true);
    expect(holds(80, 100, 20, 20)).toBe(false);
  });
});
