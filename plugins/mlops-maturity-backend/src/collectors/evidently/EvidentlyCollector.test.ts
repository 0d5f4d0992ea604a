import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { readToolInstances } from '@mlops-maturity/plugin-mlops-maturity-node';
import { EvidentlyCollector, evidentlyHeaders } from './EvidentlyCollector';

const instance = (settings: object) =>
  readToolInstances(
    new ConfigReader({
      mlopsMaturity: {
        tools: {
          evidently: [
            { name: 'prod', baseUrl: 'http://127.0.0.1:1', ...settings },
          ],
        },
      },
    }),
    'evidently',
  )[0];

describe('evidentlyHeaders', () => {
  it.each([
    // Evidently Cloud: the API key as CloudWorkspace sends it.
    [{ token: 'sk_abc.def.ghi' }, { Authorization: 'Bearer sk_abc.def.ghi' }],
    // OSS `evidently ui --secret`: the secret in its own header.
    [{ secret: 's3cret' }, { 'evidently-secret': 's3cret' }],
    // A proxy in front that asks for HTTP Basic.
    [
      { username: 'u', password: 'p' },
      { Authorization: `Basic ${Buffer.from('u:p').toString('base64')}` },
    ],
    [{}, {}],
  ])('sends %j as %j', (settings, headers) => {
    expect(evidentlyHeaders(instance(settings))).toEqual(headers);
  });
});

describe('EvidentlyCollector.fromConfig', () => {
  const collector = (settings: object[]) =>
    EvidentlyCollector.fromConfig(
      new ConfigReader({ mlopsMaturity: { tools: { evidently: settings } } }),
      mockServices.logger.mock(),
    );

  it('is left out when no instance is configured', () => {
    expect(collector([])).toBeUndefined();
  });

  it('refuses a UI it does not know', () => {
    expect(() =>
      collector([{ name: 'prod', baseUrl: 'http://e', ui: 'grafana' }]),
    ).toThrow(
      'mlopsMaturity.tools.evidently instance "prod": ui must be oss or cloud, not "grafana"',
    );
  });
});
