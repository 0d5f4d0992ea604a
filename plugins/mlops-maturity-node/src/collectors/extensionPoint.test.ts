import {
  createBackendModule,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { startTestBackend } from '@backstage/backend-test-utils';
import { mlopsMaturityEvidenceExtensionPoint } from './extensionPoint';
import type { EvidenceCollector } from './types';

describe('mlopsMaturityEvidenceExtensionPoint', () => {
  it('carries collectors from a module to the plugin that provides it', async () => {
    const received: EvidenceCollector[] = [];
    const host = createBackendPlugin({
      pluginId: 'mlops-maturity',
      register(env) {
        env.registerExtensionPoint(mlopsMaturityEvidenceExtensionPoint, {
          addCollector: (...c) => received.push(...c),
        });
        env.registerInit({ deps: {}, async init() {} });
      },
    });
    const collector: EvidenceCollector = {
      id: 'mlflow',
      collect: async () => new Map(),
    };
    const module = createBackendModule({
      pluginId: 'mlops-maturity',
      moduleId: 'mlflow',
      register(env) {
        env.registerInit({
          deps: { evidence: mlopsMaturityEvidenceExtensionPoint },
          async init({ evidence }) {
            evidence.addCollector(collector);
          },
        });
      },
    });

    await startTestBackend({ features: [host, module] });

    expect(received).toEqual([collector]);
  });
});
