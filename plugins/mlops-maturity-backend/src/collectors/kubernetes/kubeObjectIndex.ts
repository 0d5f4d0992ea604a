import {
  ToolHttpClient,
  ToolResponseError,
} from '@mlops-maturity/plugin-mlops-maturity-node';
import type { KubeList, KubeObject, KubeStatus } from './kubernetesTypes';

/**
 * A custom resource type a rollout collector lists.
 *
 * @internal
 */
export interface KubeResource {
  group: string;
  version: string;
  plural: string;
  kind: string;
  /** What a 404 on the list means is missing, e.g. `KServe`. */
  product: string;
}

/** Pages followed before the listing is cut short: 100 × the page size objects. */
const MAX_PAGES = 100;
const MESSAGE_LENGTH = 300;

const statusMessage = (error: ToolResponseError) => {
  const message = (error.body as KubeStatus | undefined)?.message;
  return typeof message === 'string'
    ? `: ${message.slice(0, MESSAGE_LENGTH)}`
    : '';
};

/**
 * One run's view of one resource type in one cluster. It lists the type cluster-wide once,
 * in pages (`limit`/`continue`): Backstage's Kubernetes plugin is usually given a ClusterRole
 * that reads across namespaces. When that list is forbidden (403: RBAC grants the service
 * account only some namespaces), it lists each namespace an annotation names, once each. So
 * a run costs one request per type and cluster, or one more per namespace, never one per
 * entity.
 *
 * @internal
 */
export class KubeObjectIndex<T extends KubeObject> {
  #clusterWide?: Promise<Map<string, T> | 'forbidden'>;
  readonly #namespaces = new Map<string, Promise<Map<string, T>>>();

  constructor(
    private readonly options: {
      client: ToolHttpClient;
      resource: KubeResource;
      /** For messages. */
      cluster: string;
      pageSize: number;
      signal?: AbortSignal;
    },
  ) {}

  /** The object, or undefined when the cluster holds none of that name. */
  async get(namespace: string, name: string): Promise<T | undefined> {
    this.#clusterWide ??= this.#list().catch(error => {
      if (error instanceof ToolResponseError && error.status === 403) {
        return 'forbidden' as const;
      }
      throw error;
    });
    const all = await this.#clusterWide;
    const key = `${namespace}/${name}`;
    if (all !== 'forbidden') return all.get(key);
    let inNamespace = this.#namespaces.get(namespace);
    if (!inNamespace) {
      inNamespace = this.#list(namespace);
      this.#namespaces.set(namespace, inNamespace);
    }
    return (await inNamespace).get(key);
  }

  async #list(namespace?: string): Promise<Map<string, T>> {
    const { client, resource, pageSize, signal } = this.options;
    const path = `/apis/${resource.group}/${resource.version}/${
      namespace ? `namespaces/${encodeURIComponent(namespace)}/` : ''
    }${resource.plural}`;
    const objects = new Map<string, T>();
    let token: string | undefined;
    let pages = 0;
    do {
      let page: KubeList<T>;
      try {
        page = await client.getJson<KubeList<T>>(
          path,
          { limit: pageSize, continue: token },
          signal,
        );
      } catch (error) {
        throw this.#explain(error, namespace);
      }
      if (!page || !Array.isArray(page.items)) {
        throw new Error(
          `Kubernetes cluster "${this.options.cluster}" answered GET ${path} without a list of items`,
        );
      }
      for (const item of page.items) {
        const { namespace: ns, name } = item.metadata ?? {};
        if (ns && name) objects.set(`${ns}/${name}`, item);
      }
      token = page.metadata?.continue || undefined;
      pages++;
    } while (token && pages < MAX_PAGES);
    if (token) {
      throw new Error(
        `Kubernetes cluster "${this.options.cluster}" holds more than ${
          MAX_PAGES * pageSize
        } ${this.#type()}; raise mlopsMaturity.kubernetes.pageSize`,
      );
    }
    return objects;
  }

  #type() {
    const { plural, group } = this.options.resource;
    return `${plural}.${group}`;
  }

  /** The reason a list failed, for the `unknown` the reference then gets. */
  #explain(error: unknown, namespace?: string): unknown {
    if (!(error instanceof ToolResponseError)) return error;
    const { cluster, resource } = this.options;
    const where = namespace ? ` in namespace "${namespace}"` : '';
    if (error.status === 403 && !namespace) return error;
    if (error.status === 403) {
      return new Error(
        `Kubernetes cluster "${cluster}" does not let Backstage list ${this.#type()}${where} (HTTP 403${statusMessage(
          error,
        )}); grant its service account get and list on them`,
      );
    }
    if (error.status === 404) {
      return new Error(
        `Kubernetes cluster "${cluster}" serves no ${resource.group}/${resource.version} ${resource.plural} (HTTP 404): is ${resource.product} installed there?`,
      );
    }
    return new Error(
      `Kubernetes cluster "${cluster}" answered HTTP ${
        error.status
      } to the list of ${this.#type()}${where}${statusMessage(error)}`,
    );
  }
}
