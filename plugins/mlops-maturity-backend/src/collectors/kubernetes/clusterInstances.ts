import fs from 'node:fs/promises';
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import {
  CollectorInstance,
  ToolHttpClient,
} from '@mlops-maturity/plugin-mlops-maturity-node';
import { KubeCluster, readKubernetesClusters } from './kubernetesClusters';
import { tlsFetch } from './tlsFetch';

/** Where a pod's service-account token is mounted; Backstage's serviceAccount auth reads it. */
export const IN_CLUSTER_TOKEN =
  '/var/run/secrets/kubernetes.io/serviceaccount/token';

/**
 * A cluster as the rollout collectors hold it: one HTTP client shared by the three of them,
 * so that a cluster that is down costs one timeout per run, not one per resource type.
 *
 * @internal
 */
export interface ClusterInstance extends CollectorInstance {
  cluster: KubeCluster;
  /** The bearer token, asked for per request so that a mounted token can rotate. */
  bearerToken(): Promise<string>;
  /** Why the cluster cannot be asked at all, such as an auth provider not used here. */
  unusable?: string;
}

/**
 * Settings of the rollout collectors (`mlopsMaturity.kubernetes`).
 *
 * @internal
 */
export interface KubernetesCollectorSettings {
  timeoutMs?: number;
  concurrency?: number;
  /** Objects asked for per list page (`limit`), default 500. */
  pageSize: number;
  /** Where the in-cluster token is read from (injected for tests). */
  inClusterToken?: string;
}

function tokenOf(cluster: KubeCluster, file: string) {
  return async () => {
    if (cluster.serviceAccountToken) return cluster.serviceAccountToken;
    try {
      return (await fs.readFile(file, 'utf8')).trim();
    } catch {
      throw new Error(
        `Kubernetes cluster "${cluster.name}" has no serviceAccountToken in its config, and Backstage runs without an in-cluster token at ${file}`,
      );
    }
  };
}

/**
 * The clusters of Backstage's `kubernetes` config with their HTTP clients: bearer
 * service-account tokens (from the config, else the pod's mounted token, as Backstage's
 * serviceAccount auth does), the cluster's CA or skipTLSVerify, and 403 read as a refusal of
 * one resource type (RBAC) rather than of the credentials. Clusters with another auth
 * provider (google, aws, azure, oidc) need Backstage's per-request auth strategies, which
 * these collectors do not use; a reference to one is unknown with that reason.
 *
 * @internal
 */
export function buildClusterInstances(
  config: Config,
  logger: LoggerService,
  settings: KubernetesCollectorSettings,
): ClusterInstance[] {
  return readKubernetesClusters(config).map(cluster => {
    const token = tokenOf(cluster, settings.inClusterToken ?? IN_CLUSTER_TOKEN);
    const https = cluster.url.startsWith('https:');
    const client = new ToolHttpClient({
      label: `Kubernetes cluster "${cluster.name}"`,
      baseUrl: cluster.url,
      headers: async () => ({ Authorization: `Bearer ${await token()}` }),
      timeoutMs: settings.timeoutMs,
      concurrency: settings.concurrency,
      forbiddenIsAnswer: true,
      fetch:
        https && (cluster.caData || cluster.caFile || cluster.skipTLSVerify)
          ? tlsFetch(cluster)
          : undefined,
    });
    const provider = cluster.authProvider;
    const unusable =
      provider === 'serviceAccount'
        ? undefined
        : `Kubernetes cluster "${cluster.name}" uses authProvider "${
            provider ?? 'none'
          }"; the rollout collectors read clusters with serviceAccount auth only`;
    if (unusable) logger.warn(unusable);
    return {
      name: cluster.name,
      baseUrl: cluster.url,
      config: cluster.config,
      cluster,
      bearerToken: token,
      unusable,
      client,
    };
  });
}
