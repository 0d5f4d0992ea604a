import {
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';

type Filter = Record<string, string | string[]>;

function values(entity: Entity, path: string): string[] {
  let value: unknown = entity;
  for (const key of path.split('.')) {
    value = (value as Record<string, unknown> | undefined)?.[key];
  }
  const list = Array.isArray(value) ? value : [value];
  return list.filter(v => typeof v === 'string').map(v => v.toLowerCase());
}

function matches(entity: Entity, filter: Filter | undefined): boolean {
  return Object.entries(filter ?? {}).every(([path, wanted]) => {
    const have = values(entity, path);
    return [wanted].flat().some(w => have.includes(w.toLowerCase()));
  });
}

/**
 * The catalog service as the plugin reads it (filtered streams and queries, one entity by
 * ref), over a fixed list of entities.
 */
class TestCatalog {
  constructor(private readonly entities: Entity[]) {}

  async *streamEntities(request?: { filter?: Filter }) {
    yield this.entities.filter(e => matches(e, request?.filter));
  }

  async queryEntities(request?: { filter?: Filter; limit?: number }) {
    const items = this.entities
      .filter(e => matches(e, request?.filter))
      .slice(0, request?.limit);
    return { items, totalItems: items.length, pageInfo: {} };
  }

  async getEntityByRef(ref: string) {
    const wanted = stringifyEntityRef(parseEntityRef(ref)).toLowerCase();
    return this.entities.find(
      e => stringifyEntityRef(e).toLowerCase() === wanted,
    );
  }
}

/**
 * The plugin's catalog dependency, served from `entities`. The service is matched by its id,
 * `catalog-client` (that of `catalogServiceRef` in `@backstage/plugin-catalog-node`, which this
 * package does not depend on).
 */
export function testCatalogFactory(entities: Entity[]) {
  return createServiceFactory({
    service: createServiceRef<TestCatalog>({ id: 'catalog-client' }),
    deps: {},
    factory: () => new TestCatalog(entities),
  });
}
