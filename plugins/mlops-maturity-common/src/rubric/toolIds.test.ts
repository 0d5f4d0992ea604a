import { toolIdProblem } from './toolIds';

describe('toolIdProblem', () => {
  it.each([
    '.',
    '..',
    'a/..',
    '../a',
    'a/./b',
    'a\\..',
    'loc:repo:..',
    '%2e%2E',
    '.%2e',
  ])('refuses %s, which URL parsing would resolve', id => {
    expect(toolIdProblem(id)).toBe('"." and ".." cannot be part of an id');
  });

  it('refuses control characters', () => {
    expect(toolIdProblem('churn\u0000')).toBe(
      'an id cannot hold control characters',
    );
  });

  it.each([
    'churn',
    'a..b',
    '.hidden',
    'model/churn-classifier',
    'v1.2',
    '...',
  ])('takes %s', id => {
    expect(toolIdProblem(id)).toBeUndefined();
  });
});
