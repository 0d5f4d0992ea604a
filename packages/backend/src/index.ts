import { createBackend } from '@backstage/backend-defaults';
import { demoBackendFeatures } from './features';

const backend = createBackend();
for (const feature of demoBackendFeatures) backend.add(feature);
backend.start();
