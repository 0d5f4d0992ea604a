import type {
  AuthService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  entityRefKey,
  entityRelations,
} from '../evaluation/evaluateAssessment';

/** The entity fields the assessment reads; the rest of the entity is never fetched. */
const ENTITY_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'metadata.tags',
  'metadata.annotations',
  'spec.owner',
  'spec.system',
  'spec.lifecycle',
  'spec.type',
];

const OWNER_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'spec.owner',
];

/**
 * What the engine reads from the catalog, with the plugin's own service credentials: the
 * selected ML services, how many each owner runs, and the domain of each system.
 *
 * @internal
 */
export class CatalogReader {
  readonly #catalog: CatalogService;
  readonly #auth: AuthService;
  readonly #selector: Record<string, string | string[]>;

  constructor(options: {
    catalog: CatalogService;
    auth: AuthService;
    selector: Record<string, string | string[]>;
  }) {
    this.#catalog = options.catalog;
    this.#auth = options.auth;
    this.#selector = options.selector;
  }

  /**
   * The selected entities, page by page as the catalog streams them, so that a run holds one
   * page at a time however large the estate. Stops at an aborted signal.
   */
  async *selectedPages(signal?: AbortSignal): AsyncGenerator<Entity[]> {
    for await (const page of this.#catalog.streamEntities(
      { filter: this.#selector, fields: ENTITY_FIELDS },
      { credentials: await this.#credentials() },
    )) {
      signal?.throwIfAborted();
      yield page;
    }
  }

  /** One entity, if the catalog has it and the selector chooses it. */
  async selectedEntity(entityRef: string): Promise<Entity | undefined> {
    const ref = parseEntityRef(entityRef);
    const { items } = await this.#catalog.queryEntities(
      {
        filter: {
          ...this.#selector,
          kind: ref.kind,
          'metadata.namespace': ref.namespace,
          'metadata.name': ref.name,
        },
        fields: ENTITY_FIELDS,
        limit: 1,
      },
      { credentials: await this.#credentials() },
    );
    return items[0];
  }

  /** How many selected entities each owner runs, read from the catalog. */
  async ownerCounts(signal?: AbortSignal): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    for await (const page of this.#catalog.streamEntities(
      { filter: this.#selector, fields: OWNER_FIELDS },
      { credentials: await this.#credentials() },
    )) {
      signal?.throwIfAborted();
      for (const entity of page) {
        try {
          const owner = entityRelations(entity).owner;
          if (owner) counts.set(owner, (counts.get(owner) ?? 0) + 1);
        } catch {
          // An entity whose owner cannot be read counts for nobody.
        }
      }
    }
    return counts;
  }

  /** The domain of each system, by lower-cased system ref. */
  async systemDomains(): Promise<Map<string, string>> {
    const domains = new Map<string, string>();
    const systems = await this.#stream({ kind: 'system' }, [
      'kind',
      'metadata.name',
      'metadata.namespace',
      'spec.domain',
    ]);
    for (const system of systems) {
      const domain = (system.spec as { domain?: unknown } | undefined)?.domain;
      if (typeof domain !== 'string') continue;
      try {
        domains.set(
          entityRefKey(system),
          entityRefKey(
            stringifyEntityRef(
              parseEntityRef(domain, {
                defaultKind: 'domain',
                defaultNamespace: system.metadata.namespace ?? 'default',
              }),
            ),
          ),
        );
      } catch {
        // A malformed domain on a system leaves its services without a domain.
      }
    }
    return domains;
  }

  async #credentials(): Promise<BackstageCredentials> {
    return this.#auth.getOwnServiceCredentials();
  }

  async #stream(
    filter: Record<string, string | string[]>,
    fields: string[],
    signal?: AbortSignal,
  ): Promise<Entity[]> {
    const entities: Entity[] = [];
    for await (const page of this.#catalog.streamEntities(
      { filter, fields },
      { credentials: await this.#credentials() },
    )) {
      signal?.throwIfAborted();
      entities.push(...page);
    }
    return entities;
  }
}
