import type {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { entityRefKey } from '../evaluation/evaluateAssessment';

/** How long the list of entities a user may read is reused under a conditional policy. */
const CACHE_MS = 30_000;

/**
 * Decides which assessed entities a caller may see, by the catalog's own read rules.
 *
 * @internal
 */
export class EntityVisibility {
  readonly #permissions: PermissionsService;
  readonly #catalog: CatalogService;
  readonly #selector: Record<string, string | string[]>;
  readonly #cache = new Map<string, { at: number; refs: Promise<string[]> }>();

  constructor(options: {
    permissions: PermissionsService;
    catalog: CatalogService;
    selector: Record<string, string | string[]>;
  }) {
    this.#permissions = options.permissions;
    this.#catalog = options.catalog;
    this.#selector = options.selector;
  }

  /**
   * Whether the caller may read this entity in the catalog. Only a conditional policy needs
   * the catalog to decide; an unconditional answer is final.
   */
  async canRead(entityRef: string, credentials: BackstageCredentials) {
    const [decision] = await this.#permissions.authorizeConditional(
      [{ permission: catalogEntityReadPermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.CONDITIONAL) {
      return decision.result === AuthorizeResult.ALLOW;
    }
    const entity = await this.#catalog.getEntityByRef(entityRef, {
      credentials,
    });
    return entity !== undefined;
  }

  /**
   * The refs of selected entities the caller may read, or undefined when it may read all.
   * Under a conditional policy the catalog is asked with the caller's credentials.
   */
  async visibleRefs(
    credentials: BackstageCredentials,
  ): Promise<string[] | undefined> {
    const [decision] = await this.#permissions.authorizeConditional(
      [{ permission: catalogEntityReadPermission }],
      { credentials },
    );
    if (decision.result === AuthorizeResult.ALLOW) return undefined;
    if (decision.result === AuthorizeResult.DENY) return [];
    const key =
      credentials.principal && 'userEntityRef' in (credentials.principal as any)
        ? (credentials.principal as any).userEntityRef
        : JSON.stringify(credentials.principal);
    const cached = this.#cache.get(key);
    if (cached && Date.now() - cached.at < CACHE_MS) return cached.refs;
    const refs = this.#readableRefs(credentials);
    this.#cache.set(key, { at: Date.now(), refs });
    refs.catch(() => this.#cache.delete(key));
    if (this.#cache.size > 1000)
      this.#cache.delete(this.#cache.keys().next().value!);
    return refs;
  }

  async #readableRefs(credentials: BackstageCredentials): Promise<string[]> {
    const refs: string[] = [];
    for await (const page of this.#catalog.streamEntities(
      {
        filter: this.#selector,
        fields: ['kind', 'metadata.namespace', 'metadata.name'],
      },
      { credentials },
    )) {
      refs.push(...page.map(e => entityRefKey(e)));
    }
    return refs;
  }
}
