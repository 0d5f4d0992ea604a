import fs from 'node:fs';
import path from 'node:path';
import { appUrlOf } from './WandbCollector';
import {
  numericLeaves,
  wandbCollectionEvidence,
  WandbCollectionFacts,
  wandbDate,
} from './wandbEvidence';

const fixture = (file: string) =>
  JSON.parse(
    fs.readFileSync(path.join(__dirname, '__fixtures__', file), 'utf8'),
  ).data;

/** The fixture collection and alias history, which pass both checks. */
function passing(): WandbCollectionFacts {
  const history =
    fixture('alias-history.json').artifactCollection.aliasActionHistory;
  return {
    instance: 'prod',
    appUrl: 'https://wandb.ai',
    organization: 'acme',
    orgEntity: 'acme-org',
    registry: 'model',
    collectionName: 'churn-classifier',
    registryExists: true,
    collection: fixture('churn-classifier.json').project.artifactCollection,
    productionAlias: 'production',
    declaresAutoPromotion: true,
    aliasHistory: {
      actions: history.edges.map((e: any) => e.node),
      truncated: false,
    },
    automationUsers: [],
  };
}

const statusOf = (facts: WandbCollectionFacts, checkId: string) =>
  wandbCollectionEvidence(facts).find(e => e.checkId === checkId)!;

describe('wandbCollectionEvidence', () => {
  it('passes both checks for the fixture collection', () => {
    expect(
      wandbCollectionEvidence(passing()).map(e => [e.checkId, e.status]),
    ).toEqual([
      ['experiment-tracking', 'pass'],
      ['auto-promotion', 'pass'],
    ]);
  });

  // Each row removes one pass rule; the check must then fail, saying why.
  it.each<[string, string, (f: WandbCollectionFacts) => void, string]>([
    [
      'the registry exists',
      'experiment-tracking',
      f => {
        f.registryExists = false;
      },
      'Registry "model" does not exist',
    ],
    [
      'the collection exists',
      'experiment-tracking',
      f => {
        f.collection = undefined;
      },
      'Collection "churn-classifier" does not exist',
    ],
    [
      'a version is linked',
      'experiment-tracking',
      f => {
        f.collection!.production = null;
        f.collection!.latest = null;
      },
      'has no linked version',
    ],
    [
      'the version is committed',
      'experiment-tracking',
      f => {
        f.collection!.production!.artifact!.state = 'DELETED';
      },
      'is DELETED, not a committed version',
    ],
    [
      'the version or its run carries metrics',
      'experiment-tracking',
      f => {
        const artifact = f.collection!.production!.artifact!;
        artifact.metadata = '{"framework": "xgboost", "eval": {"_note": 1}}';
        artifact.createdBy = { __typename: 'User', username: 'alice' };
      },
      'has no metrics',
    ],
    [
      'a version carries the production alias',
      'auto-promotion',
      f => {
        f.collection!.production = null;
      },
      'carries the production alias',
    ],
    [
      'W&B recorded a move onto that version',
      'auto-promotion',
      f => {
        f.aliasHistory!.actions = f.aliasHistory!.actions.filter(
          a => a.targetArtifact?.versionIndex !== 3,
        );
      },
      'keeps no record of who set production on v3',
    ],
    [
      'the move is not a removal',
      'auto-promotion',
      f => {
        f.aliasHistory!.actions[0].actionType = 'DELETE';
      },
      'keeps no record',
    ],
    [
      'a service account made the move',
      'auto-promotion',
      f => {
        f.aliasHistory!.actions[0].user = {
          username: 'churn-promoter',
          accountType: 'USER',
        };
      },
      "by churn-promoter, a person's account, not by an automation",
    ],
  ])('fails without: %s', (_, checkId, remove, message) => {
    const facts = passing();
    expect(statusOf(facts, checkId).status).toBe('pass');
    remove(facts);
    const result = statusOf(facts, checkId);
    expect(result.status).toBe('fail');
    expect(result.message).toContain(message);
  });

  it('counts a configured automation user like a service account', () => {
    const facts = passing();
    facts.aliasHistory!.actions[0].user = {
      username: 'ci-bot',
      accountType: 'USER',
    };
    facts.automationUsers = ['ci-bot'];
    expect(statusOf(facts, 'auto-promotion').status).toBe('pass');
  });

  it('judges the newest linked version when none is in production', () => {
    const facts = passing();
    facts.collection!.production = null;
    expect(statusOf(facts, 'experiment-tracking').message).toContain(
      'v4 (newest linked version)',
    );
  });

  it('leaves promotion out unless the entity claims it', () => {
    const facts = passing();
    facts.declaresAutoPromotion = false;
    expect(wandbCollectionEvidence(facts).map(e => e.checkId)).toEqual([
      'experiment-tracking',
    ]);
  });
});

describe('numericLeaves', () => {
  it('reads numbers to three levels, skipping W&B keys and media objects', () => {
    expect(
      numericLeaves({
        auc: 0.9,
        _step: 3,
        eval: { f1: 0.8, nested: { deep: { deeper: 1 } } },
        hist: { _type: 'histogram', bins: 3 },
        name: 'x',
        flag: true,
        nan: Number.NaN,
      }),
    ).toEqual([
      { key: 'auc', value: 0.9 },
      { key: 'eval.f1', value: 0.8 },
    ]);
  });
});

describe('wandbDate', () => {
  it('reads W&B DateTimes without a zone as UTC', () => {
    expect(wandbDate('2023-11-05T17:46:35')?.toISOString()).toBe(
      '2023-11-05T17:46:35.000Z',
    );
    expect(wandbDate('2021-01-01T00:00:00Z')?.toISOString()).toBe(
      '2021-01-01T00:00:00.000Z',
    );
    expect(wandbDate('soon')).toBeUndefined();
  });
});

describe('appUrlOf', () => {
  it.each([
    ['https://api.wandb.ai', 'https://wandb.ai'],
    ['https://api.acme.example', 'https://app.acme.example'],
    ['https://wandb.acme.internal', 'https://wandb.acme.internal'],
  ])('derives the UI of %s as the wandb SDK does', (api, app) => {
    expect(appUrlOf(api)).toBe(app);
  });
});
