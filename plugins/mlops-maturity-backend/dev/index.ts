import { createBackend } from '@backstage/backend-defaults';
import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';

// A standalone backend for working on this plugin alone (`yarn start` in this folder),
// with mock auth and a one-entity catalog. The full app is started from the repository root.
const backend = createBackend();

backend.add(mockServices.auth.factory());
backend.add(mockServices.httpAuth.factory());
backend.add(
  catalogServiceMock.factory({
    entities: [
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'sample-model', tags: ['ml-service'] },
        spec: { type: 'service', owner: 'group:default/ml-platform' },
      },
    ],
  }),
);
backend.add(import('../src'));

backend.start();
