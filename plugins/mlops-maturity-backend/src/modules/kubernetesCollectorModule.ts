import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { mlopsMaturityEvidenceExtensionPoint } from '@mlops-maturity/plugin-mlops-maturity-node';
import { KubernetesRolloutCollector } from '../collectors/kubernetes/KubernetesRolloutCollector';

/**
 * The Kubernetes rollout collectors (`kserve`, `argo`, `seldon`), wired as their own backend
 * module through the evidence extension point. They read the clusters of Backstage's own
 * `kubernetes` config (locator type `config`, serviceAccount auth) and add nothing when none
 * is configured or `mlopsMaturity.kubernetes.enabled` is false.
 *
 * @public
 */
export const mlopsMaturityModuleKubernetesCollector = createBackendModule({
  pluginId: 'mlops-maturity',
  moduleId: 'kubernetes-collector',
  register(env) {
    env.registerInit({
      deps: {
        evidence: mlopsMaturityEvidenceExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
      },
      async init({ evidence, config, logger }) {
        evidence.addCollector(
          ...KubernetesRolloutCollector.fromConfig(config, logger),
        );
      },
    });
  },
});
