import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { mlopsMaturityEvidenceExtensionPoint } from '@mlops-maturity/plugin-mlops-maturity-node';
import { GithubCollector } from '../collectors/github/GithubCollector';

/**
 * The GitHub Actions CI collector, wired as its own backend module through the evidence
 * extension point, exactly as a third-party collector would be. It adds nothing when
 * `integrations.github` is not configured (or `mlopsMaturity.github.enabled` is false).
 *
 * @public
 */
export const mlopsMaturityModuleGithubCollector = createBackendModule({
  pluginId: 'mlops-maturity',
  moduleId: 'github-collector',
  register(env) {
    env.registerInit({
      deps: {
        evidence: mlopsMaturityEvidenceExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
      },
      async init({ evidence, config, logger }) {
        const collector = GithubCollector.fromConfig(config, logger);
        if (collector) evidence.addCollector(collector);
      },
    });
  },
});
