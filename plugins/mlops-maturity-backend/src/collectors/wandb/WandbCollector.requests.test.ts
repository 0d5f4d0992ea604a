import { mlService } from '../../__testUtils__/assessments';
import {
  API_KEY,
  assessWandb,
  promoted,
  registered,
  replayPerTest,
  variant,
} from './__testUtils__/wandbTestSetup';

// How the W&B collector asks W&B: HTTP Basic as the wandb SDK signs in, the registries listed
// once per run and instance (every page), at most two requests per entity.

jest.setTimeout(60_000);

describe('the W&B collector, replaying W&B GraphQL answers', () => {
  const current = replayPerTest();

  it('signs in with HTTP Basic api:<API key> and posts to /graphql', async () => {
    await assessWandb(current().url, [registered('churn')]);
    const basic = `Basic ${Buffer.from(`api:${API_KEY}`).toString('base64')}`;
    expect(current().requests.length).toBeGreaterThan(0);
    for (const r of current().requests) {
      expect(r.headers.authorization).toBe(basic);
    }
    expect(current().requests.map(r => r.operationName)).toEqual([
      'RegistriesOfOrganization',
      'RegistryCollectionVersions',
    ]);
    expect(current().requests[0].variables).toEqual({
      organization: 'acme',
      perPage: 100,
    });
    expect(current().requests[1].variables).toEqual({
      entity: 'acme-org',
      project: 'wandb-registry-model',
      collection: 'churn-classifier',
      alias: 'production',
    });
  });

  it('lists the registries once per run, at most 2 requests per entity', async () => {
    const entities = [
      promoted('churn'),
      promoted('churn-eu', 'model/churn-classifier'),
      registered('fraud', 'model/fraud-detector'),
      registered('pricing', 'experiments/pricing'),
      registered('ranking'),
      mlService('no-tools', { level: 1 }),
    ];
    const { run } = await assessWandb(current().url, entities);
    expect(run).toMatchObject({ status: 'completed', failed: 0 });
    expect(current().count('RegistriesOfOrganization')).toBe(1);
    // A missing registry costs nothing beyond the listing.
    expect(current().count('RegistryCollectionVersions')).toBe(4);
    expect(current().count('RegistryAliasHistory')).toBe(2);
    const perEntity = (current().requests.length - 1) / (entities.length - 1);
    expect(perEntity).toBeLessThanOrEqual(2);
  });

  it('follows the registries listing to its next page', async () => {
    current().routes.RegistriesOfOrganization = variables =>
      variables.cursor
        ? variant.registriesSecondPage
        : variant.registriesFirstPage;
    const { check } = await assessWandb(current().url, [registered('churn')]);
    expect((await check('churn')).status).toBe('pass');
    expect(
      current()
        .requests.filter(r => r.operationName === 'RegistriesOfOrganization')
        .map(r => r.variables.cursor),
    ).toEqual([undefined, 'YXJyYXljb25uZWN0aW9uOjE=']);
  });

  it('says unknown when the organization is not visible to the API key', async () => {
    current().routes.RegistriesOfOrganization = variant.unknownOrganization;
    const { run, check } = await assessWandb(current().url, [
      registered('churn'),
    ]);
    expect(run).toMatchObject({ status: 'completed', failed: 0 });
    expect(await check('churn')).toMatchObject({
      status: 'declared',
      message: expect.stringContaining(
        'W&B instance "prod" cannot see organization "acme": it does not exist or the API key is not a member',
      ),
    });
  });
});
