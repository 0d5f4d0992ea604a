import { resolveConnection } from './connection';
import { CliError } from './errors';

describe('resolveConnection', () => {
  it("appends the plugin's path to the backend's base URL, unless it is there", () => {
    for (const url of [
      'http://localhost:7007',
      'http://localhost:7007/',
      'http://localhost:7007/api/mlops-maturity',
      'http://localhost:7007/api/mlops-maturity/',
    ]) {
      expect(resolveConnection({ url }, {}).apiUrl).toBe(
        'http://localhost:7007/api/mlops-maturity',
      );
    }
    expect(
      resolveConnection({ url: 'https://example.com/backstage' }, {}).apiUrl,
    ).toBe('https://example.com/backstage/api/mlops-maturity');
  });

  it('prefers options to the environment, and MLOPS_MATURITY_TOKEN to BACKSTAGE_TOKEN', () => {
    const env = {
      MLOPS_MATURITY_URL: 'http://env:7007',
      MLOPS_MATURITY_APP_URL: 'http://env:3000',
      MLOPS_MATURITY_TOKEN: ' a ',
      BACKSTAGE_TOKEN: 'b',
    };
    expect(resolveConnection({}, env)).toEqual({
      apiUrl: 'http://env:7007/api/mlops-maturity',
      appUrl: 'http://env:3000',
      token: 'a',
      tokenSource: 'MLOPS_MATURITY_TOKEN',
      timeoutMs: 30_000,
    });
    expect(
      resolveConnection(
        {
          url: 'http://flag:7007',
          appUrl: 'http://flag:3000/',
          timeout: '2.5',
        },
        { ...env, MLOPS_MATURITY_TOKEN: '' },
      ),
    ).toEqual({
      apiUrl: 'http://flag:7007/api/mlops-maturity',
      appUrl: 'http://flag:3000',
      token: 'b',
      tokenSource: 'BACKSTAGE_TOKEN',
      timeoutMs: 2500,
    });
  });

  it('leaves the token and the app URL out when the environment has none', () => {
    expect(resolveConnection({ url: 'http://x' }, {})).toEqual({
      apiUrl: 'http://x/api/mlops-maturity',
      appUrl: undefined,
      token: undefined,
      tokenSource: undefined,
      timeoutMs: 30_000,
    });
  });

  it.each([
    [{}, 'No backend URL'],
    [{ url: 'localhost:7007' }, '--url must be an http or https URL'],
    [{ url: 'not a url' }, '--url is not a URL'],
    [{ url: 'http://u:p@host' }, '--url must not contain credentials'],
    [{ url: 'http://x', appUrl: 'x' }, '--app-url is not a URL'],
    [{ url: 'http://x', timeout: '-1' }, '--timeout must be a number'],
    [{ url: 'http://x', timeout: '1e3' }, '--timeout must be a number'],
    [{ url: 'http://x', timeout: '3601' }, '--timeout must be a number'],
  ])('refuses %j', (options, message) => {
    expect(() => resolveConnection(options, {})).toThrow(CliError);
    expect(() => resolveConnection(options, {})).toThrow(message);
  });
});
