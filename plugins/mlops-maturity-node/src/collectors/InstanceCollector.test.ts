import { ConfigReader } from '@backstage/config';
import {
  buildToolInstances,
  CollectorInstance,
  InstanceCollector,
  InstanceReference,
} from './InstanceCollector';
import { ToolUnavailableError } from './ToolHttpClient';
import type { CollectedEvidence, EvidenceRequest } from './types';

/** Answers `pass` for ids its listing holds; the listing of instance `down` cannot be read. */
class ListingCollector extends InstanceCollector<
  CollectorInstance,
  Set<string>
> {
  readonly id = 'listing';
  readonly listed: string[] = [];

  protected async list(instance: CollectorInstance): Promise<Set<string>> {
    this.listed.push(instance.name);
    if (instance.name === 'down') throw new Error('down is down');
    return new Set(['churn']);
  }

  protected async evidenceFor({
    ref,
    instance,
    listing,
  }: InstanceReference<CollectorInstance, Set<string>>): Promise<
    CollectedEvidence[]
  > {
    const ids = await listing();
    return [
      {
        checkId: 'experiment-tracking',
        status: ids.has(ref.id) ? 'pass' : 'fail',
        message: `${ref.id} in ${instance.name}`,
      },
    ];
  }
}

const config = new ConfigReader({
  mlopsMaturity: {
    tools: {
      listing: [
        { name: 'prod', baseUrl: 'http://127.0.0.1:1/' },
        { name: 'down', baseUrl: 'http://127.0.0.1:2' },
      ],
    },
  },
});

function collector() {
  const instances = buildToolInstances(
    config,
    'listing',
    'Listing',
    (i, client) => ({ ...i, client: client() }),
  );
  return new ListingCollector(instances!);
}

const request = (
  entityRef: string,
  ...refs: Array<[instance: string, id: string]>
): EvidenceRequest => ({
  entityRef,
  facts: {},
  references: refs.map(([instance, id]) => ({
    checkId: 'experiment-tracking',
    annotation: 'listing.io/id',
    tool: 'listing',
    instance,
    id,
  })),
});

const options = (runId: string) => ({
  runId,
  checks: ['experiment-tracking'],
});

describe('InstanceCollector', () => {
  it('answers each reference from its instance, listed once per run', async () => {
    const c = collector();
    const result = await c.collect(
      [
        request('a', ['prod', 'churn'], ['prod', 'fraud']),
        request('b', ['prod', 'churn']),
      ],
      options('run-1'),
    );
    expect(result.get('a')).toEqual([
      {
        checkId: 'experiment-tracking',
        status: 'pass',
        message: 'churn in prod',
      },
      {
        checkId: 'experiment-tracking',
        status: 'fail',
        message: 'fraud in prod',
      },
    ]);
    expect(result.get('b')).toHaveLength(1);
    await c.collect([request('c', ['prod', 'churn'])], options('run-1'));
    expect(c.listed).toEqual(['prod']);
    await c.collect([request('c', ['prod', 'churn'])], options('run-2'));
    expect(c.listed).toEqual(['prod', 'prod']);
  });

  it('gives no evidence for an instance that is not configured', async () => {
    const c = collector();
    const result = await c.collect(
      [request('a', ['staging', 'churn'])],
      options('run-1'),
    );
    expect(result.get('a')).toEqual([]);
    expect(c.listed).toEqual([]);
  });

  it('makes a listing that cannot be read unknown for the references that need it', async () => {
    const result = await collector().collect(
      [request('a', ['down', 'churn'], ['prod', 'churn'])],
      options('run-1'),
    );
    expect(result.get('a')).toEqual([
      {
        checkId: 'experiment-tracking',
        status: 'unknown',
        message: 'down is down',
      },
      {
        checkId: 'experiment-tracking',
        status: 'pass',
        message: 'churn in prod',
      },
    ]);
  });

  it('counts requests per instance', () => {
    const c = collector();
    expect(c.requestCounts()).toEqual({ prod: 0, down: 0 });
  });
});

describe('buildToolInstances', () => {
  it('is undefined when no instance of the kind is configured', () => {
    expect(
      buildToolInstances(config, 'other', 'Other', (i, client) => ({
        ...i,
        client: client(),
      })),
    ).toBeUndefined();
  });

  it('gives each instance a client with its URL, credentials and label, and the overrides', async () => {
    const fetch = jest.fn(async (_url: string, _init?: RequestInit) => {
      throw new TypeError('fetch failed');
    });
    const [instance] = buildToolInstances(
      new ConfigReader({
        mlopsMaturity: {
          tools: {
            listing: [
              { name: 'prod', baseUrl: 'http://127.0.0.1:1/', token: 's3cret' },
            ],
          },
        },
      }),
      'listing',
      'Listing',
      (i, client) => ({ ...i, client: client({ fetch: fetch as any }) }),
    )!;
    await expect(instance.client.getJson('/ids')).rejects.toThrow(
      new ToolUnavailableError(
        'Listing instance "prod" could not be asked: cannot connect (fetch failed)',
      ),
    );
    expect(fetch).toHaveBeenCalledTimes(1);
    const [url, init] = fetch.mock.calls[0];
    expect(url.toString()).toBe('http://127.0.0.1:1/ids');
    expect(init?.headers).toMatchObject({ Authorization: 'Bearer s3cret' });
  });
});
