import {
  matchesDashboard,
  parseDashboardSelector,
  SelectorError,
} from './dashboardSelector';

// The cases of the Grafana plugin's own QueryEvaluator tests
// (backstage/community-plugins workspaces/grafana/plugins/grafana/src/query/QueryEvaluator.test.ts),
// so that the collector finds the dashboards the plugin's card shows.

const matches = (selector: string, dashboard: Record<string, unknown>) => {
  const parsed = parseDashboardSelector(selector);
  if (parsed.kind !== 'expression') throw new Error('not an expression');
  return matchesDashboard(parsed.root, dashboard);
};

describe('parseDashboardSelector', () => {
  it.each(['churn', 'churn-model', 'churn_v2', 'ML'])(
    'reads the single word %j as a tag, as the plugin searches it',
    tag => {
      expect(parseDashboardSelector(tag)).toEqual({ kind: 'tag', tag });
    },
  );

  it('reads anything else as an expression', () => {
    expect(parseDashboardSelector("tags @> 'churn'")).toEqual({
      kind: 'expression',
      root: {
        type: 'binary',
        operator: '@>',
        left: { type: 'identifier', name: 'tags' },
        right: { type: 'literal', value: 'churn' },
      },
    });
  });

  it.each([
    ['tags @> "my-service', 'Unclosed quote after "my-service"'],
    ['(tags @> "a"', 'Unclosed ( at 1'],
    ['tags @> "a" tags', 'Unexpected "tags" at 13'],
    ['tags @>', 'Expected an expression at the end'],
    [
      "(tags @> 'churn' || tags @> 'churn-slo'), tags @> 'ml'",
      '"," at 41 is not something the Grafana plugin evaluates',
    ],
    ['tags.length == 2', '"." at 5 is not something'],
    ['title === "x"', '"===" at 7 is not something'],
    ['tags @> "a" and tags @> "b"', 'Unexpected "and" at 13'],
  ])('refuses %j: %s', (selector, message) => {
    expect(() => parseDashboardSelector(selector)).toThrow(SelectorError);
    expect(() => parseDashboardSelector(selector)).toThrow(message);
  });
});

describe('matchesDashboard', () => {
  it('evaluates common queries', () => {
    const query =
      "(tags @> 'my-service' || tags @> 'my-service-slo') && tags @> 'generated'";
    expect(matches(query, { tags: ['my-service', 'generated'] })).toBe(true);
    expect(matches(query, { tags: ['my-service-slo', 'generated'] })).toBe(
      true,
    );
    expect(matches(query, { tags: ['my-service-slo', 'not-generated'] })).toBe(
      false,
    );
  });

  it.each<[string, string[], boolean]>([
    ['tags @> "foo"', ['foo', 'bar', 'baz'], true],
    ['tags @> "foo"', ['bar', 'foo', 'baz'], true],
    ['tags @> "foo"', ['bar', 'baz'], false],
    ['tags @> "bar" || tags @> "baz"', ['foo', 'bar', 'baz'], true],
    ['tags @> "bar" || tags @> "baz"', ['bar', 'baz'], true],
    ['tags @> "bar" || tags @> "baz"', ['joe', 'la', 'frite'], false],
    ['tags @> "bar" && tags @> "baz"', ['foo', 'bar', 'baz'], true],
    ['tags @> "bar" && tags @> "baz"', ['foo', 'baz'], false],
    [
      '(tags @> "bar" && tags @> "baz") || tags @> "joe"',
      ['foo', 'bar', 'baz'],
      true,
    ],
    ['(tags @> "bar" && tags @> "baz") || tags @> "joe"', ['joe', 'baz'], true],
    [
      '(tags @> "bar" && tags @> "baz") || tags @> "joe"',
      ['foo', 'baz'],
      false,
    ],
    ['!(tags @> "bar" && tags @> "baz")', ['foo', 'bar', 'baz'], false],
    ['!(tags @> "bar" && tags @> "baz")', ['joe', 'baz'], true],
    ['!(tags @> "bar" && tags @> "baz")', ['foo', 'baz'], true],
  ])('%s with tags %j is %s', (query, tags, expected) => {
    expect(matches(query, { tags })).toBe(expected);
  });

  it('binds && tighter than || and compares other fields of the search hit', () => {
    const dashboard = { tags: ['ml'], title: 'Churn quality', folderTitle: '' };
    expect(
      matches(
        "tags @> 'x' && tags @> 'y' || title == 'Churn quality'",
        dashboard,
      ),
    ).toBe(true);
    expect(matches("folderTitle != 'ML' && tags @> 'ml'", dashboard)).toBe(
      true,
    );
    expect(matches('tags @> "ml" == true', dashboard)).toBe(true);
  });

  it('matches only an expression that is exactly true', () => {
    expect(matches("title || 'x'", { title: 'Churn' })).toBe(false);
  });

  it('throws where the plugin throws: a missing identifier, @> on a non-list', () => {
    expect(() => matches('unknown @> "my-service"', {})).toThrow(
      'identifier unknown does not exist',
    );
    expect(() => matches('title @> "x"', { title: 'Churn' })).toThrow(
      '@> operator can only be used on an array',
    );
  });

  it('does not evaluate the right side when the left decides, as JavaScript', () => {
    expect(matches('tags @> "a" || unknown @> "b"', { tags: ['a'] })).toBe(
      true,
    );
  });
});
