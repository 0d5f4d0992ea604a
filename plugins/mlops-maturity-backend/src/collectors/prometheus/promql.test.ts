import {
  instantQuery,
  labelMatchers,
  lastSeenQuery,
  ruleQuery,
  scanQuery,
} from './promql';

describe('ruleQuery', () => {
  it.each([
    [
      'up{job="churn"}|instance',
      { query: 'up{job="churn"}', label: 'instance' },
    ],
    ['up{job="churn"}', { query: 'up{job="churn"}' }],
    // The | of a regex matcher is not a label suffix.
    ['errors{code=~"5..|4.."}', { query: 'errors{code=~"5..|4.."}' }],
    [
      'errors{code=~"5..|4.."} | code',
      { query: 'errors{code=~"5..|4.."}', label: 'code' },
    ],
  ])('reads %j', (item, expected) => {
    expect(ruleQuery(item)).toEqual(expected);
  });
});

describe('instantQuery', () => {
  it.each([
    ['rate(x[5m])', 'rate(x[5m])'],
    ['x{a="b"}[5m]', 'x{a="b"}'],
    ['x[5m] offset 1h', 'x offset 1h'],
    ['rate(x[5m])[1h:1m]', 'rate(x[5m])'],
    ['x{a="]"}', 'x{a="]"}'],
  ])('asks about %j as %j', (query, instant) => {
    expect(instantQuery(query)).toBe(instant);
  });
});

describe('lastSeenQuery', () => {
  it('asks when each series was last seen: now, else within the week, names kept', () => {
    const seen =
      'timestamp(label_replace((rate(x[5m])), "mlops_maturity_series", "$1", "__name__", "(.+)"))';
    expect(lastSeenQuery('rate(x[5m])')).toBe(
      `${seen} or max_over_time(${seen}[7d:5m])`,
    );
    expect(lastSeenQuery('x[5m]')).toContain('label_replace((x),');
  });
});

describe('scanQuery', () => {
  it.each([
    ['sum(rate(x[5m])', 'unclosed left parenthesis'],
    ['x{a="b"', 'unclosed left brace'],
    ['rate(x[5m]))', 'unexpected right parenthesis'],
    ['x[5m]]', 'unexpected right bracket'],
    ['x{a="b}', 'unterminated quoted string'],
  ])('says what keeps %j from being one expression', (query, problem) => {
    expect(scanQuery(query).problem).toBe(problem);
  });

  it.each([
    ['x{a=")"}', 'x{a=")"}'],
    ["x{a='\\'('}", "x{a='\\'('}"],
    ['sum(x) # per pod', 'sum(x)'],
    ['x{a="#"}', 'x{a="#"}'],
  ])('takes %j as %j', (query, code) => {
    expect(scanQuery(query)).toEqual({ code });
  });
});

describe('labelMatchers', () => {
  it('reads the matchers of every selector, in any quotes', () => {
    expect(
      labelMatchers(
        'a{service="churn", code=~\'5..\'} / on() b{env!=`dev`, x!~"y\\"z"}',
      ),
    ).toEqual([
      { name: 'service', op: '=', value: 'churn' },
      { name: 'code', op: '=~', value: '5..' },
      { name: 'env', op: '!=', value: 'dev' },
      { name: 'x', op: '!~', value: 'y"z' },
    ]);
  });
});
