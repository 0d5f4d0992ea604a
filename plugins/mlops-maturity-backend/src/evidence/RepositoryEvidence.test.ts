import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { NotFoundError } from '@backstage/errors';
import { ScmIntegrations } from '@backstage/integration';
import { mlService } from '../__testUtils__/assessments';
import { RepositoryEvidence } from './RepositoryEvidence';

const source = 'url:https://github.com/acme/churn/tree/main/';

function setup(read: (url: string) => Promise<unknown>) {
  const urlReader = mockServices.urlReader.mock({
    readUrl: jest.fn(async (url: string) => {
      await read(url);
      return { buffer: async () => Buffer.from('') } as any;
    }),
  });
  const evidence = new RepositoryEvidence({
    urlReader,
    integrations: ScmIntegrations.fromConfig(new ConfigReader({})),
    logger: mockServices.logger.mock(),
  });
  return { evidence, urlReader };
}

const refs = [
  {
    checkId: 'training-script',
    annotation: 'mlops-maturity.io/training-entrypoint',
    path: 'src/train.py',
  },
  {
    checkId: 'deployment-script',
    annotation: 'mlops-maturity.io/deployment-entrypoint',
    path: 'deploy.sh',
  },
];

describe('RepositoryEvidence', () => {
  it('passes files that exist, fails files that do not, at the source location', async () => {
    const { evidence } = setup(async url => {
      if (url.endsWith('deploy.sh')) throw new NotFoundError('gone');
    });
    const entity = mlService('churn', {
      annotations: { 'backstage.io/source-location': source },
    });
    const found = await evidence.collect(entity, refs, new Map());
    expect(found).toEqual([
      expect.objectContaining({
        checkId: 'training-script',
        status: 'pass',
        source: 'repository',
        links: [
          {
            title: 'src/train.py',
            url: 'https://github.com/acme/churn/tree/main/src/train.py',
          },
        ],
      }),
      expect.objectContaining({ checkId: 'deployment-script', status: 'fail' }),
    ]);
  });

  it('says unknown when the repository cannot be read', async () => {
    const { evidence } = setup(async () => {
      throw new Error('ECONNRESET');
    });
    const entity = mlService('churn', {
      annotations: { 'backstage.io/source-location': source },
    });
    const [first] = await evidence.collect(entity, refs, new Map());
    expect(first).toMatchObject({
      status: 'unknown',
      message: expect.stringContaining('could not be read'),
    });
  });

  it('leaves entities without a source location to their annotations', async () => {
    const { evidence, urlReader } = setup(async () => {});
    expect(await evidence.collect(mlService('churn'), refs, new Map())).toEqual(
      [],
    );
    expect(urlReader.readUrl).not.toHaveBeenCalled();
  });

  it('reads each file once per run however many entities share it', async () => {
    const { evidence, urlReader } = setup(async () => {});
    const cache = new Map();
    for (const name of ['a', 'b', 'c']) {
      await evidence.collect(
        mlService(name, {
          annotations: { 'backstage.io/source-location': source },
        }),
        refs.slice(0, 1),
        cache,
      );
    }
    expect(urlReader.readUrl).toHaveBeenCalledTimes(1);
  });
});
