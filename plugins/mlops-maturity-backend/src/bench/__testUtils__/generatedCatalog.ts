// The scale benchmark's catalog (scale.bench.test.ts): its ML services are generated page by
// page as the plugin reads them, never held, so that the process's memory is the backend's.
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { InMemoryCatalogClient } from '@backstage/catalog-client/testUtils';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  CatalogService,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';

const PAGE = 500;

type StreamRequest = Parameters<CatalogService['streamEntities']>[0];

/**
 * A catalog of `count` generated entities, `entityAt(i)` for i in [0, count), and the few it
 * holds (`held`, such as systems). Filters and fields are those of the in-memory test catalog,
 * applied page by page. The generated entities differ only in name and relations, so a filter
 * that none of the first page passes (such as `kind: system`) passes none of the others, and
 * the rest are not generated.
 */
export function generatedCatalog(options: {
  count: number;
  entityAt: (i: number) => Entity;
  /** The index of a generated entity by its ref, if it is one. */
  indexOf: (entityRef: string) => number | undefined;
  held: Entity[];
}) {
  const { count, entityAt, indexOf, held } = options;
  const heldCatalog = new InMemoryCatalogClient({ entities: held });
  const select = async (entities: Entity[], request: StreamRequest) =>
    (
      await new InMemoryCatalogClient({ entities }).queryEntities({
        filter: request?.filter,
        fields: request?.fields,
      })
    ).items;

  async function* streamEntities(request?: StreamRequest) {
    const kept = await select(held, request);
    if (kept.length > 0) yield kept;
    for (let i = 0; i < count; i += PAGE) {
      const page = Array.from({ length: Math.min(PAGE, count - i) }, (_, k) =>
        entityAt(i + k),
      );
      const items = await select(page, request);
      if (items.length === 0 && i === 0) return;
      if (items.length > 0) yield items;
    }
  }

  const generated = (entityRef: string) => {
    const i = indexOf(stringifyEntityRef(parseEntityRef(entityRef)));
    return i !== undefined && i < count ? entityAt(i) : undefined;
  };

  const overrides: Partial<CatalogService> = {
    streamEntities,
    async getEntityByRef(entityRef) {
      const ref =
        typeof entityRef === 'string'
          ? entityRef
          : stringifyEntityRef(entityRef);
      return generated(ref) ?? heldCatalog.getEntityByRef(ref);
    },
    async queryEntities(request) {
      // The plugin asks for one entity by kind, namespace and name (a refresh).
      const filter = (request as unknown as { filter?: Record<string, string> })
        .filter;
      const name = filter?.['metadata.name'];
      const one =
        name &&
        generated(
          `${filter.kind ?? 'component'}:${
            filter['metadata.namespace'] ?? 'default'
          }/${name}`,
        );
      const items = one
        ? await select([one], request as unknown as StreamRequest)
        : [];
      return { items, totalItems: items.length, pageInfo: {} };
    },
  };
  const catalog = new Proxy(heldCatalog as unknown as CatalogService, {
    get(target, property, receiver) {
      if (property in overrides) {
        return overrides[property as keyof CatalogService];
      }
      const value = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return {
    catalog,
    factory: createServiceFactory({
      service: catalogServiceRef,
      deps: {},
      factory: () => catalog,
    }),
  };
}
