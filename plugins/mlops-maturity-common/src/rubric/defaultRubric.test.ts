import { MLOPS_ANNOTATIONS } from '../annotations';
import { DEFAULT_RUBRIC_CHECKS } from './defaultRubric';

describe('the default rubric', () => {
  it('names only annotation keys that MLOPS_ANNOTATIONS defines', () => {
    const known = new Set<string>(Object.values(MLOPS_ANNOTATIONS));
    const used = DEFAULT_RUBRIC_CHECKS.flatMap(c =>
      c.annotations.map(a => a.key),
    );
    expect(used.filter(key => !known.has(key))).toEqual([]);
  });

  it('has every tool that an annotation points into among the check verifiers', () => {
    const unverified = DEFAULT_RUBRIC_CHECKS.flatMap(check =>
      check.annotations
        .filter(a => a.kind === 'tool')
        .map(a => (a.kind === 'tool' ? a.tool : ''))
        .filter(tool => !check.verifiers.some(v => v.source === tool))
        .map(tool => `${check.id}: ${tool}`),
    );
    expect(unverified).toEqual([]);
  });
});
