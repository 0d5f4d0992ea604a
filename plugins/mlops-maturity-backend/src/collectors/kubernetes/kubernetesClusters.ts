import type { Config } from '@backstage/config';

/**
 * The tool kinds whose instances are the clusters of Backstage's `kubernetes` config rather
 * than `mlopsMaturity.tools.<kind>` entries.
 *
 * @internal
 */
export const KUBERNETES_TOOL_KINDS: readonly string[] = [
  'kserve',
  'argo',
  'seldon',
];

/** Where Backstage's Kubernetes backend reads the auth provider within `authMetadata`. */
const AUTH_PROVIDER_KEY = 'kubernetes.io/auth-provider';

/**
 * A cluster of Backstage's `kubernetes.clusterLocatorMethods[]` entries of type `config`, as
 * @backstage/plugin-kubernetes-backend reads it (ConfigClusterLocator): the auth provider and
 * the service-account token may also sit in `authMetadata`, which wins.
 *
 * @internal
 */
export interface KubeCluster {
  /** The name annotations use, e.g. `prod` in `prod:models/churn`. */
  name: string;
  /** The API server, without a trailing slash. */
  url: string;
  authProvider?: string;
  serviceAccountToken?: string;
  /** The API server's CA, base64 PEM as in a kubeconfig. */
  caData?: string;
  caFile?: string;
  skipTLSVerify: boolean;
  dashboardUrl?: string;
  /** `standard` (Kubernetes Dashboard), `openshift`, `rancher`, `aks`, `eks`, `gke`. */
  dashboardApp?: string;
  /** The cluster's whole entry. */
  config: Config;
}

function configClusters(config: Config) {
  return (
    config.getOptionalConfigArray('kubernetes.clusterLocatorMethods') ?? []
  ).flatMap((method, m) =>
    method.getOptionalString('type') === 'config'
      ? (method.getOptionalConfigArray('clusters') ?? []).map((c, i) => ({
          c,
          key: `kubernetes.clusterLocatorMethods[${m}].clusters[${i}]`,
        }))
      : [],
  );
}

/**
 * The names of the clusters in Backstage's `kubernetes` config, in config order: the instances
 * of the rollout tool kinds (`kserve`, `argo`, `seldon`); the first is the default.
 *
 * @internal
 */
export function kubernetesClusterNames(config: Config): string[] {
  const names = configClusters(config).map(({ c }) => c.getString('name'));
  return [...new Set(names)];
}

/**
 * Reads the clusters of Backstage's `kubernetes` config (locator type `config`); clusters found
 * by other locators (catalog, GKE, kubectl proxy) are not known here. Throws naming the key of
 * a URL that is not http(s), so that start-up stops.
 *
 * @internal
 */
export function readKubernetesClusters(config: Config): KubeCluster[] {
  const seen = new Set<string>();
  const clusters: KubeCluster[] = [];
  for (const { c, key } of configClusters(config)) {
    const name = c.getString('name');
    if (seen.has(name)) continue;
    seen.add(name);
    const url = c.getString('url');
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new Error(`${key}.url is not a URL`);
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
      throw new Error(`${key}.url must be http or https`);
    }
    // Read as one object: its keys, such as kubernetes.io/auth-provider, contain dots.
    const metadata = (c.getOptional('authMetadata') ?? {}) as Record<
      string,
      unknown
    >;
    const text = (value: unknown) =>
      typeof value === 'string' ? value : undefined;
    clusters.push({
      name,
      url: url.replace(/\/+$/, ''),
      authProvider:
        text(metadata[AUTH_PROVIDER_KEY]) ??
        c.getOptionalString('authProvider'),
      serviceAccountToken:
        text(metadata.serviceAccountToken) ??
        c.getOptionalString('serviceAccountToken'),
      caData: c.getOptionalString('caData'),
      caFile: c.getOptionalString('caFile'),
      skipTLSVerify: c.getOptionalBoolean('skipTLSVerify') ?? false,
      dashboardUrl: c.getOptionalString('dashboardUrl'),
      dashboardApp: c.getOptionalString('dashboardApp'),
      config: c,
    });
  }
  return clusters;
}
