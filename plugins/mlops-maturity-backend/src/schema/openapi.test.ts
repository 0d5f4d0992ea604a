import { readFileSync } from 'fs';
import { resolve } from 'path';
import { parse } from 'yaml';
import { spec as generatedSpec } from './openapi';

const spec = parse(readFileSync(resolve(__dirname, 'openapi.yaml'), 'utf8'));

/** Every route that `createRouter` in ../service/router.ts registers, with ../service/waiverRoutes.ts. */
const ROUTES = [
  'GET /health',
  'GET /v1/rubric',
  'GET /v1/entities',
  'GET /v1/scorecard',
  'GET /v1/scorecard/trend',
  'GET /v1/scorecard/leverage',
  'GET /v1/facets',
  'GET /v1/entities/{kind}/{namespace}/{name}',
  'GET /v1/entities/{kind}/{namespace}/{name}/history',
  'POST /v1/entities/{kind}/{namespace}/{name}/refresh',
  'POST /v1/entities/{kind}/{namespace}/{name}/waivers',
  'DELETE /v1/entities/{kind}/{namespace}/{name}/waivers/{waiverId}',
  'GET /v1/runs',
];

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch'];

function refsIn(node: unknown, found: string[] = []): string[] {
  if (Array.isArray(node)) {
    node.forEach(n => refsIn(n, found));
  } else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') found.push(value);
      else refsIn(value, found);
    }
  }
  return found;
}

describe('openapi.yaml', () => {
  it('is an OpenAPI 3.0 document for the plugin', () => {
    expect(spec.openapi).toBe('3.0.3');
    expect(spec.info.title).toBe('MLOps maturity');
    expect(spec.servers).toEqual([
      { url: '/', description: expect.any(String) },
    ]);
    expect(spec.security).toEqual([{ backstageToken: [] }]);
    expect(spec.components.securitySchemes.backstageToken).toMatchObject({
      type: 'http',
      scheme: 'bearer',
    });
  });

  it('hard-codes the routes that router.ts registers', () => {
    const source = ['router.ts', 'waiverRoutes.ts']
      .map(file => readFileSync(resolve(__dirname, '../service', file), 'utf8'))
      .join('\n');
    const registered = [
      ...source.matchAll(/router\.(get|post|put|patch|delete)\(\s*'([^']+)'/g),
    ].map(
      ([, method, path]) =>
        `${method.toUpperCase()} ${path.replace(/:(\w+)/g, '{$1}')}`,
    );
    expect(registered.sort()).toEqual([...ROUTES].sort());
  });

  it.each(ROUTES)('describes %s', route => {
    const [method, path] = route.split(' ');
    expect(spec.paths).toHaveProperty([path]);
    expect(spec.paths[path]).toHaveProperty([method.toLowerCase()]);
  });

  it('describes no route that router.ts does not register', () => {
    const described = Object.entries(spec.paths).flatMap(([path, item]) =>
      Object.keys(item as object)
        .filter(key => METHODS.includes(key))
        .map(method => `${method.toUpperCase()} ${path}`),
    );
    expect(described.sort()).toEqual([...ROUTES].sort());
  });

  it('needs no credentials for /health', () => {
    expect(spec.paths['/health'].get.security).toEqual([]);
  });

  it.each(ROUTES.filter(route => route !== 'GET /health'))(
    'needs credentials for %s and describes its 401',
    route => {
      const [method, path] = route.split(' ');
      const operation = spec.paths[path][method.toLowerCase()];
      expect(operation.security).toBeUndefined();
      expect(operation.responses['401']).toEqual({
        $ref: '#/components/responses/Unauthorized',
      });
      expect(
        spec.components.responses.Unauthorized.content['application/json']
          .schema,
      ).toEqual({ $ref: '#/components/schemas/Error' });
    },
  );

  it('resolves every $ref to a components entry', () => {
    const refs = refsIn(spec);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) {
      const [hash, components, group, name, ...rest] = ref.split('/');
      expect([hash, components, rest]).toEqual(['#', 'components', []]);
      expect(['schemas', 'parameters', 'responses']).toContain(group);
      expect(spec.components[group]).toHaveProperty([name]);
    }
  });

  it('describes a 400 for every route that takes credentials', () => {
    for (const route of ROUTES.filter(r => r !== 'GET /health')) {
      const [method, path] = route.split(' ');
      expect([
        route,
        spec.paths[path][method.toLowerCase()].responses['400'],
      ]).toEqual([route, { $ref: '#/components/responses/BadRequest' }]);
    }
  });

  it('is the spec the router validates with, as generated from this file', () => {
    expect(generatedSpec).toEqual(spec);
  });
});
