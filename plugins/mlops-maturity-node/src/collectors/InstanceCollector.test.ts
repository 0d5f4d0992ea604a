import { ConfigReader } from '@backstage/config';
import {
  buildToolInstances,
  CollectorInstance,
  InstanceCollector,
  InstanceReference,
} from './InstanceCollector';
import { ToolUnavailableError } from './toolErrors';
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

  it('scrubs credentials from every message, thrown or returned', async () => {
    class Leaky extends ListingCollector {
      protected async evidenceFor({
        ref,
      }: InstanceReference<CollectorInstance, Set<string>>): Promise<
        CollectedEvidence[]
      > {
        if (ref.id === 'thrown') {
          throw new Error(
            'cannot read http://admin:hunter2@tool.internal/x?token=s3cret',
          );
        }
        return [
          {
            checkId: 'experiment-tracking',
            status: 'fail',
            message: 'the tool said: Bearer abcdef0123456789 is unknown',
          },
        ];
      }
    }
    const instances = buildToolInstances(
      config,
      'listing',
      'Listing',
      (i, client) => ({ ...i, client: client() }),
    )!;
    const result = await new Leaky(instances).collect(
      [request('a', ['prod', 'thrown'], ['prod', 'returned'])],
      options('run-1'),
    );
    expect(result.get('a')!.map(e => e.message)).toEqual([
      'cannot read http://***@tool.internal/x?token=***',
      'the tool said: Bearer *** is unknown',
    ]);
  });

  it('lists nothing when the run is prepared unless every reference needs the listing', async () => {
    const c = collector();
    c.prepare({ runId: 'run-1' });
    await c.collect([request('a', ['prod', 'churn'])], options('run-1'));
    expect(c.listed).toEqual(['prod']);
  });

  it('starts listing every instance when the run is prepared, and the batches of the run use those listings', async () => {
    class Eager extends ListingCollector {
      protected readonly listsForEveryReference = true;
    }
    const c = new Eager(
      buildToolInstances(config, 'listing', 'Listing', (i, client) => ({
        ...i,
        client: client(),
      }))!,
    );
    c.prepare({ runId: 'run-1' });
    // The listings start at once, before any batch asks; the one that fails rejects nowhere.
    expect(c.listed).toEqual(['prod', 'down']);
    await new Promise(resolve => setImmediate(resolve));
    const result = await c.collect(
      [request('a', ['prod', 'churn'], ['down', 'churn'])],
      options('run-1'),
    );
    expect(result.get('a')!.map(e => e.status)).toEqual(['pass', 'unknown']);
    expect(c.listed).toEqual(['prod', 'down']);
    // Another run lists again.
    await c.collect([request('b', ['prod', 'churn'])], options('run-2'));
    expect(c.listed).toEqual(['prod', 'down', 'prod']);
  });

  it('counts requests per instance', () => {
    const c = collector();
    expect(c.requestCounts()).toEqual({ prod: 0, down: 0 });
  });
});

describe('buildToolInstances', () => {
  it('stops start-up on a base URL with credentials, naming the key and not the value', () => {
    const build = () =>
      buildToolInstances(
        new ConfigReader({
          mlopsMaturity: {
            tools: {
              listing: [
                {
                  name: 'prod',
                  baseUrl: 'https://admin:hunter2@tool.internal',
                },
              ],
            },
          },
        }),
        'listing',
        'Listing',
        (i, client) => ({ ...i, client: client() }),
      );
    expect(build).toThrow(
      'mlopsMaturity.tools.listing[0].baseUrl must not hold credentials (user:password@): set mlopsMaturity.tools.listing[0].username and password, or token',
    );
    expect(build).not.toThrow(/hunter2/);
  });

  it.each(['concurrency', 'timeoutMs', 'maxResponseBytes'])(
    'stops start-up on a %s that is not a whole number of at least 1',
    key => {
      for (const value of [0, -1, 1.5]) {
        expect(() =>
          buildToolInstances(
            new ConfigReader({
              mlopsMaturity: {
                tools: {
                  listing: [
                    { name: 'prod', baseUrl: 'http://tool', [key]: value },
                  ],
                },
              },
            }),
            'listing',
            'Listing',
            (i, client) => ({ ...i, client: client() }),
          ),
        ).toThrow(
          `mlopsMaturity.tools.listing[0].${key} must be a whole number of at least 1`,
        );
      }
    },
  );

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
