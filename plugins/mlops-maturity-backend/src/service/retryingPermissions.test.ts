import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import { retryingPermissions } from './retryingPermissions';

const permission = createPermission({ name: 'test.read', attributes: {} });
const resourcePermission = createPermission({
  name: 'test.entity.read',
  attributes: {},
  resourceType: 'catalog-entity',
});
const options = { credentials: mockCredentials.user() };

/** A FetchError as node-fetch throws it when the server closed the kept-alive socket. */
function connectionReset() {
  return Object.assign(
    new Error(
      'request to http://localhost:7007/api/permission/authorize failed, reason: read ECONNRESET',
    ),
    { type: 'system', errno: 'ECONNRESET', code: 'ECONNRESET' },
  );
}

describe('retryingPermissions', () => {
  it('asks once more after a connection reset, for both kinds of decision', async () => {
    const inner = mockServices.permissions.mock({
      authorize: jest
        .fn()
        .mockRejectedValueOnce(connectionReset())
        .mockResolvedValue([{ result: AuthorizeResult.ALLOW }]),
      authorizeConditional: jest
        .fn()
        .mockRejectedValueOnce(
          new Error('fetch failed', { cause: connectionReset() }),
        )
        .mockResolvedValue([{ result: AuthorizeResult.DENY }]),
    });
    const permissions = retryingPermissions(inner);
    expect(await permissions.authorize([{ permission }], options)).toEqual([
      { result: AuthorizeResult.ALLOW },
    ]);
    expect(
      await permissions.authorizeConditional(
        [{ permission: resourcePermission }],
        options,
      ),
    ).toEqual([{ result: AuthorizeResult.DENY }]);
    expect(inner.authorize).toHaveBeenCalledTimes(2);
    expect(inner.authorizeConditional).toHaveBeenCalledTimes(2);
  });

  it('asks only once more, and not at all after other errors', async () => {
    const inner = mockServices.permissions.mock({
      authorize: jest.fn().mockRejectedValue(connectionReset()),
      authorizeConditional: jest
        .fn()
        .mockRejectedValue(new Error('permission backend answered 503')),
    });
    const permissions = retryingPermissions(inner);
    await expect(
      permissions.authorize([{ permission }], options),
    ).rejects.toThrow('ECONNRESET');
    await expect(
      permissions.authorizeConditional(
        [{ permission: resourcePermission }],
        options,
      ),
    ).rejects.toThrow('503');
    expect(inner.authorize).toHaveBeenCalledTimes(2);
    expect(inner.authorizeConditional).toHaveBeenCalledTimes(1);
  });
});
