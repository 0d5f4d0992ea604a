import type { PermissionsService } from '@backstage/backend-plugin-api';
import { isConnectionReset } from '@mlops-maturity/plugin-mlops-maturity-node';

async function onceMore<T>(ask: () => Promise<T>): Promise<T> {
  try {
    return await ask();
  } catch (error) {
    if (!isConnectionReset(error)) throw error;
    return ask();
  }
}

/**
 * The permissions service, asked once more when a request to the permission backend meets a
 * connection reset. Backstage's permission client reuses kept-alive sockets, and one the
 * server has just closed fails the request with `ECONNRESET` before the permission backend
 * sees it; a permission decision is safe to ask again, and without this the caller would get a
 * 500 for a request that did nothing wrong.
 *
 * @internal
 */
export function retryingPermissions(
  permissions: PermissionsService,
): PermissionsService {
  return {
    authorize: (requests, options) =>
      onceMore(() => permissions.authorize(requests, options)),
    authorizeConditional: (requests, options) =>
      onceMore(() => permissions.authorizeConditional(requests, options)),
  };
}
