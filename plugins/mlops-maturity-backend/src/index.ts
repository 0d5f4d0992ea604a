/**
 * The MLOps maturity backend: assesses ML services against the maturity rubric with live
 * evidence and serves their levels.
 *
 * @packageDocumentation
 */

import { createBackendFeatureLoader } from '@backstage/backend-plugin-api';
import { mlopsMaturityModuleGithubCollector } from './modules/githubCollectorModule';
import { mlopsMaturityModuleKubernetesCollector } from './modules/kubernetesCollectorModule';
import { mlopsMaturityPlugin } from './plugin';

export { mlopsMaturityPlugin } from './plugin';
export { mlopsMaturityModuleGithubCollector } from './modules/githubCollectorModule';
export { mlopsMaturityModuleKubernetesCollector } from './modules/kubernetesCollectorModule';

/**
 * The plugin with its built-in collector modules, for `backend.add(import(...))`.
 *
 * @public
 */
export default createBackendFeatureLoader({
  *loader() {
    yield mlopsMaturityPlugin;
    yield mlopsMaturityModuleGithubCollector;
    yield mlopsMaturityModuleKubernetesCollector;
  },
});
