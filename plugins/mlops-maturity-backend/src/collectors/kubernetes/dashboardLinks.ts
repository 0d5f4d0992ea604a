import type { EvidenceLink } from '@mlops-maturity/plugin-mlops-maturity-common';
import type { KubeResource } from './kubeObjectIndex';
import type { KubeCluster } from './kubernetesClusters';

/**
 * Links to an object in its cluster's dashboard (`dashboardUrl`, `dashboardApp` of the
 * cluster config), as Backstage's Kubernetes plugin links its own objects; none without a
 * dashboard. Backstage's Kubernetes tab has no address per object, so it cannot be linked.
 * The Kubernetes Dashboard (`standard`, the default) and the OpenShift console address custom
 * resources by type; other dashboards get a link to their start page.
 *
 * @internal
 */
export function dashboardLinks(
  cluster: KubeCluster,
  resource: KubeResource,
  namespace: string,
  name: string,
): EvidenceLink[] {
  if (!cluster.dashboardUrl) return [];
  let base: URL;
  try {
    base = new URL(cluster.dashboardUrl);
  } catch {
    return [];
  }
  if (base.protocol !== 'http:' && base.protocol !== 'https:') return [];
  const root = base.href.replace(/\/+$/, '');
  const ns = encodeURIComponent(namespace);
  const n = encodeURIComponent(name);
  const title = `${resource.kind} ${namespace}/${name} in the ${cluster.name} cluster's dashboard`;
  switch (cluster.dashboardApp ?? 'standard') {
    case 'standard':
      return [
        {
          title,
          url: `${root}/#/customresourcedefinition/${resource.plural}.${resource.group}/${ns}/${n}?namespace=${ns}`,
        },
      ];
    case 'openshift':
      return [
        {
          title,
          url: `${root}/k8s/ns/${ns}/${resource.group}~${resource.version}~${resource.kind}/${n}`,
        },
      ];
    default:
      return [{ title: `The ${cluster.name} cluster's dashboard`, url: root }];
  }
}
