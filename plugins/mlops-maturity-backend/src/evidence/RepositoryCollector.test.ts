import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { NotFoundError } from '@backstage/errors';
import { ScmIntegrations } from '@backstage/integration';
import type {
  EntityFacts,
  EvidenceRequest,
} from '@mlops-maturity/plugin-mlops-maturity-node';
import { RepositoryCollector } from './RepositoryCollector';

const sourceLocation = 'https://github.com/acme/churn/tree/main/';

function setup(read: (url: string) => Promise<unknown>) {
  const urlReader = mockServices.urlReader.mock({
    readUrl: jest.fn(async (url: string) => {
      await read(url);
      return { buffer: async () => Buffer.from('') } as any;
    }),
  });
  const collector = new RepositoryCollector({
    urlReader,
    integrations: ScmIntegrations.fromConfig(new ConfigReader({})),
    logger: mockServices.logger.mock(),
  });
  return { collector, urlReader };
}

const refs = [
  {
    checkId: 'training-script',
    annotation: 'mlops-maturity.io/training-entrypoint',
    tool: 'repository',
    instance: '',
    id: 'src/train.py',
  },
  {
    checkId: 'deployment-script',
    annotation: 'mlops-maturity.io/deployment-entrypoint',
    tool: 'repository',
    instance: '',
    id: 'deploy.sh',
  },
];

const request = (
  entityRef: string,
  facts: EntityFacts = { sourceLocation },
  references = refs,
): EvidenceRequest => ({ entityRef, facts, references });

const options = (runId = 'run-1') => ({
  runId,
  checks: ['training-script', 'deployment-script', 'quality-gate'],
});

describe('RepositoryCollector', () => {
  it('passes files that exist, fails files that do not, at the source location', async () => {
    const { collector } = setup(async url => {
      if (url.endsWith('deploy.sh')) throw new NotFoundError('gone');
    });
    const found = await collector.collect([request('a')], options());
    expect(found.get('a')).toEqual([
      expect.objectContaining({
        checkId: 'training-script',
        status: 'pass',
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

  it('says unknown for the file it could not read, only for its own check', async () => {
    const { collector } = setup(async () => {
      throw new Error('ECONNRESET');
    });
    const found = await collector.collect(
      [request('a', undefined, refs.slice(0, 1))],
      options(),
    );
    expect(found.get('a')).toEqual([
      expect.objectContaining({
        checkId: 'training-script',
        status: 'unknown',
        message: expect.stringContaining('could not be read'),
      }),
    ]);
  });

  it('leaves entities without a source location to their annotations', async () => {
    const { collector, urlReader } = setup(async () => {});
    const found = await collector.collect([request('a', {})], options());
    expect(found.get('a')).toEqual([]);
    expect(urlReader.readUrl).not.toHaveBeenCalled();
  });

  it('reads each file once per run however many entities share it, again next run', async () => {
    const { collector, urlReader } = setup(async () => {});
    const requests = ['a', 'b', 'c'].map(name =>
      request(name, undefined, refs.slice(0, 1)),
    );
    await collector.collect(requests, options('run-1'));
    await collector.collect(requests.slice(0, 1), options('run-1'));
    expect(urlReader.readUrl).toHaveBeenCalledTimes(1);
    await collector.collect(requests.slice(0, 1), options('run-2'));
    expect(urlReader.readUrl).toHaveBeenCalledTimes(2);
  });
});
