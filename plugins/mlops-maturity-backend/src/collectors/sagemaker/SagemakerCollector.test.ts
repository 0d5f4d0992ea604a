import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { readToolInstances } from '@mlops-maturity/plugin-mlops-maturity-node';
import { SagemakerCollector, sagemakerRegionOf } from './SagemakerCollector';

const instance = (settings: object) =>
  readToolInstances(
    new ConfigReader({
      mlopsMaturity: { tools: { sagemaker: [{ name: 'prod', ...settings }] } },
    }),
    'sagemaker',
  )[0];

describe('sagemakerRegionOf', () => {
  it.each([
    ['https://api.sagemaker.eu-west-1.amazonaws.com', 'eu-west-1'],
    ['https://api-fips.sagemaker.us-gov-west-1.amazonaws.com', 'us-gov-west-1'],
    ['https://api.sagemaker.cn-north-1.amazonaws.com.cn', 'cn-north-1'],
    [
      'https://vpce-0a1b-2c3d.api.sagemaker.ap-southeast-2.vpce.amazonaws.com',
      'ap-southeast-2',
    ],
  ])('reads the region of %s', (baseUrl, region) => {
    expect(sagemakerRegionOf(instance({ baseUrl }))).toBe(region);
  });

  it('prefers the configured region, and asks for one when the URL has none', () => {
    expect(
      sagemakerRegionOf(
        instance({ baseUrl: 'http://127.0.0.1:55001', region: 'eu-west-1' }),
      ),
    ).toBe('eu-west-1');
    expect(() =>
      sagemakerRegionOf(instance({ baseUrl: 'http://127.0.0.1:55001' })),
    ).toThrow(
      'mlopsMaturity.tools.sagemaker instance "prod" needs a region: its baseUrl is not a regional SageMaker endpoint',
    );
  });
});

describe('SagemakerCollector', () => {
  it('is left out when no instance is configured', () => {
    expect(
      SagemakerCollector.fromConfig(
        new ConfigReader({}),
        mockServices.logger.mock(),
      ),
    ).toBeUndefined();
  });

  it('signs each operation with SigV4 for the region, never sending the secret', async () => {
    const seen: http.IncomingHttpHeaders[] = [];
    const server = http.createServer((req, res) => {
      seen.push(req.headers);
      res.setHeader('content-type', 'application/x-amz-json-1.1');
      req.resume();
      req.on('end', () => res.end('{"ModelPackageGroupSummaryList":[]}'));
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const collector = SagemakerCollector.fromConfig(
      new ConfigReader({
        mlopsMaturity: {
          tools: {
            sagemaker: [
              {
                name: 'prod',
                baseUrl: `http://127.0.0.1:${port}`,
                region: 'eu-central-1',
              },
            ],
          },
        },
      }),
      mockServices.logger.mock(),
      {
        credentials: async () => ({
          accessKeyId: 'AKIDEXAMPLE',
          secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
          sessionToken: 'session-token',
        }),
      },
    )!;
    const evidence = await collector.collect(
      [
        {
          entityRef: 'component:default/churn',
          facts: {},
          references: [
            {
              checkId: 'experiment-tracking',
              annotation: 'aws.amazon.com/sagemaker-model-package-group',
              tool: 'sagemaker',
              instance: 'prod',
              id: 'churn',
            },
          ],
        },
      ],
      { runId: 'r1', checks: ['experiment-tracking'] },
    );
    server.close();
    expect(evidence.get('component:default/churn')).toEqual([
      {
        checkId: 'experiment-tracking',
        status: 'fail',
        message:
          'Model package group "churn" does not exist in SageMaker prod (eu-central-1)',
      },
    ]);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({
      'x-amz-target': 'SageMaker.ListModelPackageGroups',
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-security-token': 'session-token',
      authorization: expect.stringMatching(
        /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-central-1\/sagemaker\/aws4_request, SignedHeaders=[a-z0-9;-]*host[a-z0-9;-]*x-amz-target[a-z0-9;-]*, Signature=[0-9a-f]{64}$/,
      ),
    });
    expect(JSON.stringify(seen)).not.toContain('wJalrXUtnFEMI');
  });
});
