import request from 'supertest';
import { mlService } from '../__testUtils__/assessments';
import { createTestDatabases } from '../__testUtils__/databases';
import {
  HIDDEN_FROM,
  ownerOnlyCatalogPolicy,
  startMaturityBackend,
} from '../__testUtils__/startMaturityBackend';

jest.setTimeout(120_000);

// Every query parameter and path part of every route, given what a careless or hostile caller
// sends, against the real backend on each database: the answer is 400 or 404 with a JSON
// message, never a 500 (PostgreSQL rejects NUL, years outside its range and more that SQLite
// takes). Under a conditional catalog policy, so that entity paths reach the catalog too.

const databases = createTestDatabases();
const base = '/api/mlops-maturity';
const long = (n: number) => 'x'.repeat(n);

/** A case: what is sent, and the status it must answer. */
type Case = { method: 'get' | 'post'; path: string; status: number };

/** Values that no integer parameter takes; `?level=` and `?level=%20` once read as 0. */
const NOT_INTEGERS = [
  '',
  '%20',
  'abc',
  '1.5',
  '0x2',
  '1e0',
  '%00',
  '1%00',
  '%D9%A3', // an Arabic-Indic digit three
  '99999999999999999999',
  '-1',
  long(5000),
];
/** Values that no enum parameter takes. */
const NOT_ENUMS = ['', 'TRUE', '%00', '%E2%80%8Btrue', long(5000)];
/** Values that no filter reference takes: empty, control characters, not a ref, too long. */
const NOT_REFS = [
  '',
  '%00',
  'team%00a',
  'team%0Aa',
  ':',
  'group:',
  'x/',
  long(600),
];
/** Values that no date takes: not RFC 3339, not a real day, or a year PostgreSQL cannot store. */
const NOT_DATES = [
  '',
  'yesterday',
  '2026-01-01', // a date without a time
  '2026-02-31T00:00:00Z',
  '2026-13-01T00:00:00Z',
  '0000-01-01T00:00:00Z',
  '0001-01-01T00:00:00%2B01:00', // year 0 in UTC
  '10000-01-01T00:00:00Z',
  '%2B275760-09-13T00:00:00Z',
  '-271821-04-20T00:00:00Z',
  '2026-01-01T00:00:00Z%00',
  long(100),
];
/** Entity path parts that cannot name an entity: an error, not a 500 from the catalog. */
const NOT_PARTS = [
  '%00',
  'a%00b',
  'a%0Ab',
  'a%2Fb',
  'a%2Cb',
  'a:b',
  '%zz', // not a percent-encoding
  '%ED%A0%80', // an encoded lone surrogate, not UTF-8
  long(254),
];

const get = (path: string, status = 400): Case => ({
  method: 'get',
  path,
  status,
});

function queryCases(route: string, param: string, values: string[]): Case[] {
  return values.map(v => get(`${route}?${param}=${v}`));
}

const FILTER_ROUTES = [
  '/v1/entities',
  '/v1/scorecard',
  '/v1/scorecard/leverage',
];
const ENTITY = '/v1/entities/component/default/churn';
const PATH_ROUTES: Array<[Case['method'], (p: string) => string]> = [
  ['get', p => p],
  ['get', p => `${p}/history`],
  ['post', p => `${p}/refresh`],
];

const cases: Case[] = [
  ...FILTER_ROUTES.flatMap(route => [
    ...['level', 'minLevel', 'maxLevel'].flatMap(p =>
      queryCases(route, p, NOT_INTEGERS),
    ),
    ...queryCases(route, 'belowTarget', NOT_ENUMS),
    ...['owner', 'system', 'domain'].flatMap(p =>
      queryCases(route, p, NOT_REFS),
    ),
    ...queryCases(route, 'lifecycle', ['', '%00', 'a%0Db', long(256)]),
    get(`${route}?level=1&level=2`),
    get(`${route}?owner=a&owner=b`),
    get(`${route}?owner[]=a`),
    get(`${route}?owner[a]=b`),
    get(`${route}?unknown=1`),
  ]),
  ...queryCases('/v1/entities', 'limit', [...NOT_INTEGERS, '0', '501']),
  ...queryCases('/v1/entities', 'cursor', [
    '',
    '%00',
    'AA', // base64url of a NUL byte
    'YWJj%00',
    '!!!',
    '%F0%9F%98%80',
    'gICA', // base64url of bytes that are not UTF-8
    long(2049),
  ]),
  get('/v1/entities?limit=1&limit=2'),
  ...queryCases('/v1/entities', 'lastBlocker', [
    '',
    '%00',
    'a%0Ab',
    long(256),
    'no-such-check',
  ]),
  ...queryCases('/v1/entities', 'oneCheckFromTarget', NOT_ENUMS),
  ...queryCases('/v1/scorecard/leverage', 'limit', [
    ...NOT_INTEGERS,
    '0',
    '101',
  ]),
  get('/v1/facets?unknown=1'),
  get('/v1/entities?cursor=a&cursor=b'),
  ...queryCases('/v1/scorecard', 'groupBy', [...NOT_ENUMS, 'colour']),
  get('/v1/scorecard?groupBy=owner&groupBy=system'),
  ...['owner', 'system', 'domain'].flatMap(p =>
    queryCases('/v1/scorecard/trend', p, NOT_REFS),
  ),
  ...queryCases('/v1/scorecard/trend', 'points', [...NOT_INTEGERS, '1', '61']),
  ...['from', 'to'].flatMap(p =>
    queryCases('/v1/scorecard/trend', p, NOT_DATES),
  ),
  // The default `from`, 90 days before `to`, is out of range too.
  get('/v1/scorecard/trend?to=0001-01-02T00:00:00Z'),
  get('/v1/scorecard/trend?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z'),
  get('/v1/scorecard/trend?level=2'),
  get('/v1/scorecard/trend?points=2&points=3'),
  ...['from', 'to'].flatMap(p => queryCases(`${ENTITY}/history`, p, NOT_DATES)),
  get(`${ENTITY}/history?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z`),
  get(`${ENTITY}/history?from=a&from=b`),
  get(`${ENTITY}/history?unknown=1`),
  get(`${ENTITY}?unknown=1`),
  get('/v1/rubric?unknown=1'),
  get('/v1/runs?unknown=1'),
  get('/v1/runs?limit=5'),
  ...PATH_ROUTES.flatMap(([method, route]) =>
    ['kind', 'namespace', 'name'].flatMap(part =>
      NOT_PARTS.map(value => {
        const parts = {
          kind: 'component',
          namespace: 'default',
          name: 'churn',
        };
        const path = route(
          `/v1/entities/${Object.entries(parts)
            .map(([k, v]) => (k === part ? value : v))
            .join('/')}`,
        );
        return { method, path, status: 400 };
      }),
    ),
  ),
  // Paths and methods the contract does not have.
  get('/v1/nope', 404),
  get(`${ENTITY}/history/more`, 404),
  { method: 'post', path: '/v1/entities', status: 404 },
  { method: 'post', path: ENTITY, status: 404 },
  // Unknown but well-formed entities, in any script: not found.
  ...PATH_ROUTES.flatMap(([method, route]) =>
    [
      '/v1/entities/component/default/%C3%A9t%C3%A9',
      '/v1/entities/component/default/%F0%9F%98%80',
      '/v1/entities/%E7%BB%84%E4%BB%B6/default/churn',
    ].map(p => ({ method, path: route(p), status: 404 })),
  ),
];

/** Well-formed values, unicode among them, that must be answered normally. */
const accepted = [
  '/v1/entities?lifecycle=%E7%94%9F%E4%BA%A7',
  '/v1/entities?owner=%C3%A9quipe&system=%F0%9F%98%80',
  '/v1/entities?cursor=Y29tcG9uZW50OmRlZmF1bHQvYQ',
  '/v1/entities?level=2&limit=500',
  '/v1/scorecard?domain=group:default/%E2%80%8B&groupBy=lifecycle',
  '/v1/scorecard/trend?from=0001-01-01T00:00:00Z&to=9999-12-31T23:59:59.999Z&points=60',
  `${ENTITY}/history?from=0001-01-01T00:00:00Z&to=9999-12-31T23:59:59Z`,
  `${ENTITY}/history?from=2026-01-01T00:00:00%2B14:00`,
];

/** Bodies that are not JSON, or too much of it, sent as JSON. */
const BODIES: Array<[string, string]> = [
  ['text that is not JSON', 'not json'],
  ['truncated JSON', '{"a":'],
  ['a NUL byte', '\u0000'],
  ['JSON beyond the body limit', JSON.stringify({ a: long(200_000) })],
];

describe.each(databases.eachSupportedId())(
  'hostile input on %p',
  databaseId => {
    let started: ReturnType<typeof start> | undefined;
    async function start() {
      const backend = await startMaturityBackend({
        knex: await databases.init(databaseId),
        entities: [
          mlService('churn', { level: 2, owner: 'team-a' }),
          mlService('fraud', { level: 3, owner: 'team-a' }),
          mlService('secret-model', {
            level: 1,
            owner: 'team-b',
            annotations: { [HIDDEN_FROM]: 'user:default/mock' },
          }),
        ],
        permissions: ownerOnlyCatalogPolicy(),
      });
      await backend.runAssessment();
      return backend.server;
    }
    // Every case here only reads, or is refused before it writes: one backend serves them all.
    const server = () => (started ??= start());

    /** What an error answer must be: JSON with a message, and no database text in it. */
    function errorOf(res: request.Response) {
      const message: unknown = res.body?.error?.message;
      return {
        status: res.status,
        type: res.type,
        hasMessage: typeof message === 'string' && /\S/.test(message),
        namesTheDatabase: /select |insert |sqlite|pg_|byte sequence/i.test(
          String(message),
        ),
      };
    }
    const jsonError = (status: number) => ({
      status,
      type: 'application/json',
      hasMessage: true,
      namesTheDatabase: false,
    });

    it.each(cases.map(c => [c.method.toUpperCase(), c.path.slice(0, 140), c]))(
      '%s %s answers with a JSON error',
      async (_m, _p, c) => {
        const res = await request(await server())[c.method](`${base}${c.path}`);
        expect(errorOf(res)).toEqual(jsonError(c.status));
      },
    );

    it.each(accepted)('answers %s', async path => {
      const res = await request(await server()).get(`${base}${path}`);
      expect(res.status).toBe(200);
    });

    it.each(BODIES)('answers a body of %s with 400', async (_what, body) => {
      for (const [method, path] of [
        ['post', `${ENTITY}/refresh`],
        ['get', '/v1/entities'],
      ] as const) {
        const res = await request(await server())
          [method](`${base}${path}`)
          .set('Content-Type', 'application/json')
          .send(body);
        expect(errorOf(res)).toEqual(jsonError(400));
      }
    });

    it('answers a refresh of an entity the caller may not read with 404', async () => {
      const res = await request(await server()).post(
        `${base}/v1/entities/component/default/secret-model/refresh`,
      );
      expect(errorOf(res)).toEqual(jsonError(404));
    });
  },
);
