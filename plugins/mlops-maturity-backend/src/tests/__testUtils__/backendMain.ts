// The backend the process fault tests start as a child process and kill (backendProcess.ts):
// Backstage's own backend with the plugin, its config from --config (the database, the
// schedule, the tools), and a catalog of MLOPS_FAULT_ENTITIES services of the fault estate.
import { createBackend } from '@backstage/backend-defaults';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { InMemoryCatalogClient } from '@backstage/catalog-client/testUtils';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { mlopsMaturityPlugin } from '../../plugin';
import { faultEstate } from './faultEstate';

const entities = faultEstate(Number(process.env.MLOPS_FAULT_ENTITIES ?? 0));
const backend = createBackend();
backend.add(
  createServiceFactory({
    service: catalogServiceRef,
    deps: {},
    factory: () => new InMemoryCatalogClient({ entities }) as any,
  }),
);
backend.add(mlopsMaturityPlugin);
backend.start().catch(error => {
  process.stderr.write(`The fault test backend did not start: ${error}\n`);
  process.exit(1);
});
