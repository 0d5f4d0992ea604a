import http from 'node:http';
import { LocalHttpServer } from '../../../__testUtils__/LocalHttpServer';
import type { KubeResource } from '../kubeObjectIndex';
import type { KubeObject } from '../kubernetesTypes';

/** What the replay was asked. */
export interface KubeRequest {
  path: string;
  query: URLSearchParams;
  authorization?: string;
}

/** How the replayed API server answers beyond its objects. */
export interface KubeReplayOptions {
  /** The bearer token it accepts; any other answers 401. */
  token: string;
  /** The custom resource types it serves; others answer 404. */
  resources: readonly KubeResource[];
  objects: KubeObject[];
  /** Plurals whose cluster-wide list RBAC forbids (403). */
  forbiddenClusterWide?: string[];
  /** Namespaces whose lists RBAC forbids (403), for every plural. */
  forbiddenNamespaces?: string[];
}

const LIST = /^\/apis\/([^/]+)\/([^/]+)\/(?:namespaces\/([^/]+)\/)?([^/]+)$/;
/** The service account the replayed answers name, as a Backstage install would have it. */
const USER = 'system:serviceaccount:backstage:backstage';

function status(code: number, reason: string, message: string, details = {}) {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
    details,
    code,
  };
}

/**
 * A Kubernetes API server on 127.0.0.1 that answers list requests for custom resources from
 * recorded objects as kube-apiserver would (see `__fixtures__/README.md`): a `<Kind>List` of
 * `items` in namespace/name order, paged by `limit` with an opaque `continue` token, bearer
 * authentication (401), RBAC refusals (403) and unserved types (404) as `Status` objects.
 */
export class KubeReplay extends LocalHttpServer {
  readonly requests: KubeRequest[] = [];

  constructor(public options: KubeReplayOptions) {
    super();
  }

  /** List requests for a plural, at any scope. */
  lists(plural: string): KubeRequest[] {
    return this.requests.filter(r => r.path.endsWith(`/${plural}`));
  }

  protected handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://replay');
    this.requests.push({
      path: url.pathname,
      query: url.searchParams,
      authorization: req.headers.authorization,
    });
    const answer = (code: number, body: object) => {
      res.statusCode = code;
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify(body));
    };
    if (req.headers.authorization !== `Bearer ${this.options.token}`) {
      answer(401, status(401, 'Unauthorized', 'Unauthorized'));
      return;
    }
    const match = LIST.exec(url.pathname);
    const resource = match
      ? this.options.resources.find(
          r =>
            r.group === match[1] &&
            r.version === match[2] &&
            r.plural === match[4],
        )
      : undefined;
    if (!match || !resource || req.method !== 'GET') {
      answer(
        404,
        status(
          404,
          'NotFound',
          'the server could not find the requested resource',
        ),
      );
      return;
    }
    const namespace = match[3] ? decodeURIComponent(match[3]) : undefined;
    const type = `${resource.plural}.${resource.group}`;
    const forbidden = namespace
      ? this.options.forbiddenNamespaces?.includes(namespace)
      : this.options.forbiddenClusterWide?.includes(resource.plural);
    if (forbidden) {
      answer(
        403,
        status(
          403,
          'Forbidden',
          `${type} is forbidden: User "${USER}" cannot list resource "${
            resource.plural
          }" in API group "${resource.group}" ${
            namespace
              ? `in the namespace "${namespace}"`
              : 'at the cluster scope'
          }`,
          { group: resource.group, kind: resource.plural },
        ),
      );
      return;
    }
    const items = this.options.objects
      .filter(
        o =>
          o.apiVersion === `${resource.group}/${resource.version}` &&
          o.kind === resource.kind &&
          (!namespace || o.metadata?.namespace === namespace),
      )
      .sort((a, b) =>
        `${a.metadata?.namespace}/${a.metadata?.name}`.localeCompare(
          `${b.metadata?.namespace}/${b.metadata?.name}`,
        ),
      );
    const start = Number(
      Buffer.from(url.searchParams.get('continue') ?? '', 'base64url')
        .toString()
        .replace(/^offset:/, '') || 0,
    );
    const limit = Number(url.searchParams.get('limit')) || items.length;
    const page = items.slice(start, start + limit);
    const rest = items.length - start - page.length;
    answer(200, {
      apiVersion: `${resource.group}/${resource.version}`,
      kind: `${resource.kind}List`,
      metadata: {
        resourceVersion: '28253567',
        ...(rest > 0
          ? {
              continue: Buffer.from(`offset:${start + limit}`).toString(
                'base64url',
              ),
              remainingItemCount: rest,
            }
          : {}),
      },
      items: page,
    });
  }
}
