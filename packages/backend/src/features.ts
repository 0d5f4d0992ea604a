import appBackend from '@backstage/plugin-app-backend';
import authBackend from '@backstage/plugin-auth-backend';
import authGuestProvider from '@backstage/plugin-auth-backend-module-guest-provider';
import catalogBackend from '@backstage/plugin-catalog-backend';
import catalogLogs from '@backstage/plugin-catalog-backend-module-logs';
import mcpActionsBackend from '@backstage/plugin-mcp-actions-backend';
import notificationsBackend from '@backstage/plugin-notifications-backend';
import permissionBackend from '@backstage/plugin-permission-backend';
import signalsBackend from '@backstage/plugin-signals-backend';
import type { BackendFeature } from '@backstage/backend-plugin-api';
import catalogMlopsMaturity from '@mlops-maturity/plugin-catalog-backend-module-mlops-maturity';
import mlopsMaturityBackend from '@mlops-maturity/plugin-mlops-maturity-backend';
import demoPermissionPolicy from './modules/permissionPolicy';

/**
 * The demo backend's plugins and modules, in one list: index.ts starts them, and mcp.test.ts
 * starts the same list, so what it checks is what `yarn start` runs. Imported statically, not
 * with create-app's `backend.add(import(...))`: Jest cannot run a dynamic `import()` without
 * `--experimental-vm-modules`.
 */
export const demoBackendFeatures: BackendFeature[] = [
  appBackend,

  authBackend,
  authGuestProvider,

  catalogBackend,
  catalogLogs,

  permissionBackend,
  demoPermissionPolicy,

  // The bell in the sidebar: notifications (the maturity plugin notifies owners of level
  // changes), pushed to open pages by signals.
  notificationsBackend,
  signalsBackend,

  // MCP tools for AI agents: the actions of the plugins in backend.actions.pluginSources.
  mcpActionsBackend,

  mlopsMaturityBackend,
  catalogMlopsMaturity,
];
