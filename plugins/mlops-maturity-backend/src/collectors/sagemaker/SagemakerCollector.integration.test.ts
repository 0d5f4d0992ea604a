import fs from 'node:fs';
import { ConfigReader } from '@backstage/config';
import { mockServices } from '@backstage/backend-test-utils';
import { mlService } from '../../__testUtils__/assessments';
import { createTestEngine } from '../../__testUtils__/createTestEngine';
import { describeToolFaults } from '../../__testUtils__/describeToolFaults';
import type { AwsCredentialProvider } from './awsSigning';
import { SagemakerCollector } from './SagemakerCollector';

// Runs against moto's server standing in for SageMaker, started and seeded by start_moto
// (scripts/tools/sagemaker.sh, integration/sagemaker/serve.py); skipped when none is running.
const motoUrl = process.env.MLOPS_MOTO_URL;
const seed = process.env.MLOPS_MOTO_SEED
  ? JSON.parse(fs.readFileSync(process.env.MLOPS_MOTO_SEED, 'utf8'))
  : {};
const withMoto = motoUrl ? describe : describe.skip;
const region = seed.region ?? 'eu-west-1';

jest.setTimeout(60_000);

const instanceConfig = (baseUrl: string, extra: object = {}) => ({
  tools: { sagemaker: [{ name: 'prod', baseUrl, region, ...extra }] },
});

function collectorFor(
  baseUrl: string,
  extra: object = {},
  credentials?: AwsCredentialProvider,
) {
  return SagemakerCollector.fromConfig(
    new ConfigReader({ mlopsMaturity: instanceConfig(baseUrl, extra) }),
    mockServices.logger.mock(),
    { credentials },
  )!;
}

const config = instanceConfig(motoUrl ?? 'http://127.0.0.1:1');

const group = (name: string, automatic = true) =>
  mlService(name, {
    level: 1,
    annotations: {
      'aws.amazon.com/sagemaker-model-package-group': `prod:${name}`,
      ...(automatic ? { 'mlops-maturity.io/promotion': 'automatic' } : {}),
    },
  });

/** Switches moto's signature and IAM policy checks on ("0") or off ("inf"). */
async function motoAuthentication(count: '0' | 'inf') {
  const res = await fetch(`${motoUrl}/moto-api/reset-auth`, {
    method: 'POST',
    body: count,
  });
  expect(res.ok).toBe(true);
}

withMoto('the SageMaker collector against a real moto server', () => {
  let clock = new Date();
  const savedEnv = { ...process.env };

  beforeAll(() => {
    // The default AWS credential chain reads them, as it would on a real deployment.
    process.env.AWS_ACCESS_KEY_ID = seed.accessKeyId;
    process.env.AWS_SECRET_ACCESS_KEY = seed.secretAccessKey;
    delete process.env.AWS_SESSION_TOKEN;
    delete process.env.AWS_PROFILE;
  });

  afterAll(() => {
    process.env = savedEnv;
  });

  beforeEach(() => {
    clock = new Date();
  });

  const scenarios = () => [
    group('churn-classifier'),
    group('demand-forecast'),
    group('pricing-regressor'),
    group('fraud-pending'),
    group('stale-model'),
    group('no-metrics-model', false),
    group('missing-group'),
  ];

  async function assess(
    entities = scenarios(),
    collector = collectorFor(motoUrl!),
  ) {
    const { engineFor, store } = await createTestEngine({
      collectors: [collector],
      config,
      clock: () => clock,
    });
    const run = await engineFor(entities).assessAll({ trigger: 'manual' });
    const check = async (name: string, id: string) =>
      (await store.getAssessment(`component:default/${name}`))!.checks.find(
        c => c.id === id,
      )!;
    return { run, check, store, collector, engineFor };
  }

  it('proves the newest approved package with metrics, approved by the pipeline role', async () => {
    const { check } = await assess();
    const links = [
      {
        title: `churn-classifier v2: open SageMaker Studio (${region}), Models, Registered models`,
        url: `https://${region}.console.aws.amazon.com/sagemaker/home?region=${region}#/studio-landing`,
      },
    ];
    expect(
      await check('churn-classifier', 'experiment-tracking'),
    ).toMatchObject({
      status: 'pass',
      source: 'sagemaker',
      message:
        '"churn-classifier" v2 is Approved with model metrics (ModelQuality.Statistics, ModelDataQuality.Constraints)',
      links,
    });
    expect(await check('churn-classifier', 'auto-promotion')).toMatchObject({
      status: 'pass',
      source: 'sagemaker',
      message: `"churn-classifier" v2 was approved by the automation role ${seed.pipelineRole} (session SageMaker): "metrics beat the approved version"`,
      links,
    });
    // Approved when the pipeline registered it (CreatedBy, no later change).
    expect(await check('demand-forecast', 'auto-promotion')).toMatchObject({
      status: 'pass',
      message: expect.stringContaining('approved by the automation role'),
    });
  });

  it('links to the Studio domain when one is configured', async () => {
    const studioUrl = 'https://studio-d-abc123.studio.eu-west-1.sagemaker.aws';
    const { check } = await assess(
      [group('churn-classifier')],
      collectorFor(motoUrl!, { studioUrl }),
    );
    expect(
      (await check('churn-classifier', 'experiment-tracking')).links,
    ).toEqual([
      {
        title: 'churn-classifier v2 in SageMaker Studio',
        url: `${studioUrl}/models/registered-models/churn-classifier/versions`,
      },
    ]);
  });

  it.each([
    [
      'missing-group',
      `Model package group "missing-group" does not exist in SageMaker prod (${region})`,
    ],
    [
      'fraud-pending',
      `"fraud-pending" has no Approved model package in SageMaker prod (${region})`,
    ],
    ['stale-model', 'older than the 180-day window'],
    [
      'no-metrics-model',
      '"no-metrics-model" v1 is Approved but registers no model metrics (ModelMetrics)',
    ],
  ])('fails experiment tracking for %s', async (name, message) => {
    const { check } = await assess();
    const result = await check(name, 'experiment-tracking');
    expect(result.status).toBe('fail');
    expect(result.message).toContain(message);
  });

  it('fails automatic promotion approved by a person, not approved, or long ago', async () => {
    const { check } = await assess();
    expect(
      await check('pricing-regressor', 'experiment-tracking'),
    ).toMatchObject({ status: 'pass' });
    expect(await check('pricing-regressor', 'auto-promotion')).toMatchObject({
      status: 'fail',
      message:
        '"pricing-regressor" v1 was approved by role AWSReservedSSO_DataScientist_0123456789abcdef (session alice@example.com) as alice@example.com, not by an automation role (*pipeline*, *automation*)',
    });
    expect(await check('fraud-pending', 'auto-promotion')).toMatchObject({
      status: 'fail',
      message:
        'Nothing in "fraud-pending" is Approved, so nothing was promoted automatically',
    });
    expect((await check('stale-model', 'auto-promotion')).message).toContain(
      'older than the 180-day window',
    );
    // Without the claim, nothing is said about promotion.
    expect((await check('no-metrics-model', 'auto-promotion')).status).toBe(
      'not-declared',
    );
  });

  it('fails a pass once the approval leaves the freshness window', async () => {
    const { check, engineFor } = await assess([group('churn-classifier')]);
    expect(
      (await check('churn-classifier', 'experiment-tracking')).status,
    ).toBe('pass');
    clock = new Date(clock.getTime() + 200 * 86_400_000);
    await engineFor([group('churn-classifier')]).assessAll({
      trigger: 'manual',
    });
    expect(
      await check('churn-classifier', 'experiment-tracking'),
    ).toMatchObject({
      status: 'fail',
      message: expect.stringContaining('older than the 180-day window'),
    });
  });

  it('lists the groups once per run: at most 2 requests per entity', async () => {
    const collector = collectorFor(motoUrl!);
    const entities = scenarios();
    const { run, engineFor } = await assess(entities, collector);
    expect(run.failed).toBe(0);
    // 1 listing; ListModelPackages for the 6 groups that exist; DescribeModelPackage for the
    // 5 with an approved package; nothing for the missing group.
    expect(collector.requestCounts().prod).toBe(1 + 6 + 5);
    expect(
      collector.requestCounts().prod / entities.length,
    ).toBeLessThanOrEqual(2);
    await engineFor(entities).assessAll({ trigger: 'manual' });
    expect(collector.requestCounts().prod).toBe(2 * 12);
  });

  describe('with moto checking signatures and IAM policies', () => {
    beforeAll(() => motoAuthentication('0'));
    afterAll(() => motoAuthentication('inf'));

    it('signs with credentials from the default AWS chain, and through an assumed role', async () => {
      const { check } = await assess([group('churn-classifier')]);
      expect(await check('churn-classifier', 'auto-promotion')).toMatchObject({
        status: 'pass',
      });
      const viaRole = await assess(
        [group('churn-classifier')],
        collectorFor(motoUrl!, { roleArn: seed.roleArn, stsEndpoint: motoUrl }),
      );
      expect(
        (await viaRole.check('churn-classifier', 'experiment-tracking')).status,
      ).toBe('pass');
    });

    it.each([
      ['an unknown access key', 'AKIAUNKNOWNKEY000000', 'secret'],
      ['a wrong secret', seed.accessKeyId, 'not-the-secret'],
      [
        'a user without SageMaker permissions',
        seed.deniedAccessKeyId,
        seed.deniedSecretAccessKey,
      ],
    ])(
      'keeps what it proved, as unknown, when moto rejects %s',
      async (_name, accessKeyId, secretAccessKey) => {
        let credentials = {
          accessKeyId: seed.accessKeyId,
          secretAccessKey: seed.secretAccessKey,
        };
        const { check, engineFor } = await assess(
          [group('churn-classifier')],
          collectorFor(motoUrl!, {}, async () => credentials),
        );
        expect(
          (await check('churn-classifier', 'experiment-tracking')).status,
        ).toBe('pass');
        credentials = { accessKeyId, secretAccessKey };
        clock = new Date(clock.getTime() + 60_000);
        const run = await engineFor([group('churn-classifier')]).assessAll({
          trigger: 'manual',
        });
        expect(run).toMatchObject({ status: 'completed', failed: 0 });
        for (const id of ['experiment-tracking', 'auto-promotion']) {
          const result = await check('churn-classifier', id);
          expect(result).toMatchObject({
            status: 'unknown',
            stale: true,
            counts: true,
          });
          expect(result.message).toContain(
            'SageMaker instance "prod" could not be asked: credentials rejected (HTTP 403)',
          );
          expect(result.message).not.toContain(secretAccessKey);
          expect(result.message).not.toContain(seed.secretAccessKey);
        }
      },
    );

    it('says unknown, not fail, when no credentials can be found', async () => {
      const { check } = await assess(
        [group('churn-classifier')],
        collectorFor(motoUrl!, {}, async () => {
          throw new Error('Could not load credentials from any providers');
        }),
      );
      expect(
        await check('churn-classifier', 'experiment-tracking'),
      ).toMatchObject({ status: 'declared' });
      expect(
        (await check('churn-classifier', 'experiment-tracking')).message,
      ).toContain(
        'SageMaker instance "prod" could not be asked: cannot sign the request (Could not load credentials from any providers)',
      );
    });
  });

  describeToolFaults({
    tool: 'SageMaker (moto)',
    targetUrl: motoUrl!,
    collectorFor: (baseUrl, timeoutMs) => collectorFor(baseUrl, { timeoutMs }),
    config,
    entity: group('churn-classifier'),
    scenarios: scenarios(),
    checkId: 'experiment-tracking',
  });
});
