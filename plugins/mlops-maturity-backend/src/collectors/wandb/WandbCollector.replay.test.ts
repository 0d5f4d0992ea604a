import type { Entity } from '@backstage/catalog-model';
import {
  assessWandb,
  collectorFor,
  promoted,
  registered,
  replayPerTest,
  variant,
} from './__testUtils__/wandbTestSetup';

// How the W&B collector judges a registry collection: experiment tracking (a committed linked
// version with metrics, fresh) and automatic promotion (who moved the production alias). The
// collector asks a local server that answers W&B's GraphQL from fixtures in W&B's schema;
// __fixtures__/README.md names their sources and every change made for a scenario.

jest.setTimeout(60_000);

const V3 =
  'https://wandb.ai/orgs/acme/registry/model?selectionPath=acme-org%2Fwandb-registry-model%2Fchurn-classifier&view=membership&version=v3';

describe('the W&B collector, replaying W&B GraphQL answers', () => {
  const current = replayPerTest();
  const assess = (
    entities: Entity[],
    options?: Parameters<typeof assessWandb>[2],
  ) => assessWandb(current().url, entities, options);

  describe('experiment tracking', () => {
    it('passes a production version whose metadata carries metrics, linking to it and its run', async () => {
      const { run, check } = await assess([registered('churn')]);
      expect(run).toMatchObject({ status: 'completed', failed: 0 });
      const result = await check('churn');
      expect(result).toMatchObject({
        status: 'pass',
        source: 'wandb',
        observedAt: '2026-10-28T09:20:41.000Z',
        message:
          '"model/churn-classifier" v3 (alias production) carries 3 metrics (eval.auc=0.912, eval.f1=0.874, threshold=0.42) in its metadata',
        links: [
          { title: 'model/churn-classifier v3 in the W&B Registry', url: V3 },
          {
            title: 'Run train-churn-2026-10-28 in W&B',
            url: 'https://wandb.ai/acme-ml/churn/runs/3kq8x2m1',
          },
        ],
      });
      expect(result.evidence).toMatchObject({
        registry: 'model',
        collection: 'churn-classifier',
        version: 'v3',
        metricsFrom: 'metadata',
      });
    });

    it('reads the metrics from the summary of the run that logged the version', async () => {
      current().routes.RegistryCollectionVersions = variant.metricsOnlyInRun;
      const { check } = await assess([registered('churn')]);
      expect((await check('churn')).message).toBe(
        '"model/churn-classifier" v3 (alias production) carries 2 metrics (val_auc=0.912, val_f1=0.874) in its summary of run train-churn-2026-10-28',
      );
    });

    it('judges the newest linked version when no version carries the production alias', async () => {
      current().routes.RegistryCollectionVersions = variant.noProductionAlias;
      const { check } = await assess([registered('churn')]);
      expect(await check('churn')).toMatchObject({
        status: 'pass',
        observedAt: '2026-11-03T09:12:55.000Z',
        message: expect.stringMatching(
          /^"model\/churn-classifier" v4 \(newest linked version\) carries 2 metrics/,
        ),
      });
    });

    it('accepts the registry by its project name, wandb-registry-model', async () => {
      const { check } = await assess([
        registered('churn', 'wandb-registry-model/churn-classifier'),
      ]);
      expect((await check('churn')).status).toBe('pass');
    });

    it.each([
      [
        'the registry does not exist',
        'experiments/churn-classifier',
        undefined,
        'Registry "experiments" does not exist in organization "acme" of W&B prod',
      ],
      [
        'the collection does not exist',
        'model/fraud-detector',
        undefined,
        'Collection "fraud-detector" does not exist in registry "model" of W&B prod',
      ],
      [
        'no version is linked',
        'model/churn-classifier',
        variant.noVersion,
        '"model/churn-classifier" has no linked version in W&B prod; link the trained model to it (run.link_artifact)',
      ],
      [
        'the version has no metrics',
        'model/churn-classifier',
        variant.noMetrics,
        '"model/churn-classifier" v3 (alias production) has no metrics, in its metadata or in the summary of the run that logged it',
      ],
      [
        'the version is not committed',
        'model/churn-classifier',
        variant.pending,
        '"model/churn-classifier" v3 (alias production) is PENDING, not a committed version',
      ],
    ])('fails when %s', async (_, collectionPath, answer, message) => {
      if (answer) current().routes.RegistryCollectionVersions = answer;
      const { check } = await assess([registered('churn', collectionPath)]);
      expect(await check('churn')).toMatchObject({ status: 'fail', message });
    });

    it('fails a version older than the 180-day window', async () => {
      const { check } = await assess([registered('churn')], {
        clock: new Date('2027-06-01T00:00:00Z'),
      });
      const result = await check('churn');
      expect(result.status).toBe('fail');
      expect(result.message).toContain(
        'the proof is 215 days old, older than the 180-day window',
      );
    });

    it('says invalid for an annotation that is not registry/collection', async () => {
      const { check } = await assess([registered('churn', 'churn-classifier')]);
      expect(await check('churn')).toMatchObject({
        status: 'invalid',
        message:
          'wandb.ai/registry-collection value "prod:churn-classifier" is not [instance:]registry/collection, e.g. model/churn-classifier',
      });
    });
  });

  describe('automatic promotion', () => {
    it('passes when a service account moved the production alias onto the version', async () => {
      const { check } = await assess([promoted('churn')]);
      expect(await check('churn', 'auto-promotion')).toMatchObject({
        status: 'pass',
        source: 'wandb',
        observedAt: '2026-10-29T06:00:12.000Z',
        message:
          'production was set on v3 by churn-promoter (a service account) at 2026-10-29T06:00:12.000Z',
        links: [{ url: V3 }],
        evidence: { movedBy: 'churn-promoter', accountType: 'SERVICE' },
      });
      expect(current().requests.at(-1)).toMatchObject({
        operationName: 'RegistryAliasHistory',
        variables: {
          id: 'QXJ0aWZhY3RQb3J0Zm9saW86MzEyMDg4Nw==',
          alias: 'production',
        },
      });
    });

    it('fails when a person moved it', async () => {
      current().routes.RegistryAliasHistory = variant.movedByPerson;
      const { check } = await assess([promoted('churn')]);
      expect(await check('churn', 'auto-promotion')).toMatchObject({
        status: 'fail',
        message:
          "production was set on v3 by bob, a person's account, not by an automation; promote from a job that signs in with a service account",
      });
    });

    it('passes a person-typed account the instance names as an automation user', async () => {
      current().routes.RegistryAliasHistory = variant.movedByPerson;
      const { check } = await assess([promoted('churn')], {
        collector: collectorFor(current().url, { automationUsers: ['bob'] }),
      });
      expect((await check('churn', 'auto-promotion')).message).toBe(
        'production was set on v3 by bob (a configured automation user) at 2026-10-29T06:00:12.000Z',
      );
    });

    it('fails when W&B recorded no move onto the production version', async () => {
      current().routes.RegistryAliasHistory = variant.noRecordedMove;
      const { check } = await assess([promoted('churn')]);
      expect(await check('churn', 'auto-promotion')).toMatchObject({
        status: 'fail',
        message:
          'W&B keeps no record of who set production on v3; move the alias from the promotion job to record it',
      });
    });

    it('fails without a production version, and does not ask for the history', async () => {
      current().routes.RegistryCollectionVersions = variant.noProductionAlias;
      const { check } = await assess([promoted('churn')]);
      expect(await check('churn', 'auto-promotion')).toMatchObject({
        status: 'fail',
        message:
          'No version of "model/churn-classifier" carries the production alias in W&B prod, so none was promoted',
      });
      expect(current().count('RegistryAliasHistory')).toBe(0);
    });

    it('follows the instance production alias', async () => {
      const { check } = await assess([promoted('churn')], {
        collector: collectorFor(current().url, { productionAlias: 'champion' }),
      });
      expect(
        current().requests.find(
          r => r.operationName === 'RegistryCollectionVersions',
        )!.variables.alias,
      ).toBe('champion');
      expect((await check('churn', 'auto-promotion')).status).toBe('pass');
    });

    it('says unknown for promotion alone when the server has no alias history', async () => {
      current().routes.RegistryAliasHistory = variant.schemaWithoutHistory;
      const { check } = await assess([promoted('churn')]);
      expect((await check('churn')).status).toBe('pass');
      const promotion = await check('churn', 'auto-promotion');
      expect(promotion.status).not.toBe('pass');
      expect(promotion.message).toContain(
        'W&B instance "prod" could not answer RegistryAliasHistory: Cannot query field "aliasActionHistory"',
      );
    });

    it('is not asked about promotion when the entity does not claim it', async () => {
      const { check } = await assess([registered('churn')]);
      expect((await check('churn', 'auto-promotion')).source).not.toBe('wandb');
      expect(current().count('RegistryAliasHistory')).toBe(0);
    });
  });
});
