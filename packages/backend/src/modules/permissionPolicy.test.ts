import { ConfigReader } from '@backstage/config';
import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import {
  mlopsMaturityAssessmentReadPermission,
  mlopsMaturityAssessmentRefreshPermission,
  mlopsMaturityWaiverCreatePermission,
} from '@mlops-maturity/plugin-mlops-maturity-common';
import { DemoPermissionPolicy } from './permissionPolicy';

const user = (ownershipEntityRefs: string[]) => ({
  identity: {
    type: 'user' as const,
    userEntityRef: 'user:default/ada',
    ownershipEntityRefs,
  },
  info: { userEntityRef: 'user:default/ada', ownershipEntityRefs },
  token: 'token',
  credentials: {} as any,
});

// The catalog's own permissions, as @backstage/plugin-catalog-common defines them.
const catalogEntityRead = createPermission({
  name: 'catalog.entity.read',
  attributes: { action: 'read' },
  resourceType: 'catalog-entity',
});
const catalogEntityDelete = createPermission({
  name: 'catalog.entity.delete',
  attributes: { action: 'delete' },
  resourceType: 'catalog-entity',
});
const catalogEntityRefresh = createPermission({
  name: 'catalog.entity.refresh',
  attributes: { action: 'update' },
  resourceType: 'catalog-entity',
});
const catalogLocationCreate = createPermission({
  name: 'catalog.location.create',
  attributes: { action: 'create' },
});

const policy = DemoPermissionPolicy.fromConfig(
  new ConfigReader({
    permission: {
      policy: {
        admins: ['group:default/platform-eng'],
        waiverGranters: ['group:default/ml-platform'],
      },
    },
  }),
);
const fraudMl = user(['user:default/ada', 'group:default/fraud-ml']);
const admin = user(['user:default/ada', 'Group:default/Platform-Eng']);

const ownerCondition = (claims: string[]) => ({
  result: AuthorizeResult.CONDITIONAL,
  pluginId: 'catalog',
  resourceType: 'catalog-entity',
  conditions: {
    rule: 'IS_ENTITY_OWNER',
    resourceType: 'catalog-entity',
    params: { claims },
  },
});

describe('DemoPermissionPolicy', () => {
  it('lets every user read entities and assessments', async () => {
    for (const permission of [
      mlopsMaturityAssessmentReadPermission,
      catalogEntityRead,
    ]) {
      expect(await policy.handle({ permission }, user([]))).toEqual({
        result: AuthorizeResult.ALLOW,
      });
    }
  });

  it('lets only the owners refresh an entity and its assessment', async () => {
    for (const permission of [
      mlopsMaturityAssessmentRefreshPermission,
      catalogEntityRefresh,
    ]) {
      expect(await policy.handle({ permission }, fraudMl)).toEqual(
        ownerCondition(['user:default/ada', 'group:default/fraud-ml']),
      );
    }
  });

  it('denies catalog writes to everyone but the configured administrators', async () => {
    for (const permission of [catalogEntityDelete, catalogLocationCreate]) {
      expect(await policy.handle({ permission }, fraudMl)).toEqual({
        result: AuthorizeResult.DENY,
      });
      expect(await policy.handle({ permission }, admin)).toEqual({
        result: AuthorizeResult.ALLOW,
      });
    }
    expect(
      await policy.handle(
        { permission: mlopsMaturityAssessmentRefreshPermission },
        admin,
      ),
    ).toEqual({ result: AuthorizeResult.ALLOW });
  });

  it('lets members of the waiver granters, and administrators, grant waivers; not owners', async () => {
    const permission = mlopsMaturityWaiverCreatePermission;
    const granter = user(['user:default/olu', 'Group:default/ML-Platform']);
    expect(await policy.handle({ permission }, granter)).toEqual({
      result: AuthorizeResult.ALLOW,
    });
    expect(await policy.handle({ permission }, admin)).toEqual({
      result: AuthorizeResult.ALLOW,
    });
    expect(await policy.handle({ permission }, fraudMl)).toEqual({
      result: AuthorizeResult.DENY,
    });
    // Being a waiver granter gives no other change.
    expect(
      await policy.handle({ permission: catalogEntityDelete }, granter),
    ).toEqual({ result: AuthorizeResult.DENY });
  });

  it('stops start-up on a waiver granter that is not a full entity ref', () => {
    expect(() =>
      DemoPermissionPolicy.fromConfig(
        new ConfigReader({
          permission: { policy: { waiverGranters: ['ml-platform'] } },
        }),
      ),
    ).toThrow('permission.policy.waiverGranters[0] must be a full entity ref');
  });

  it('has no administrators unless configured', async () => {
    const unconfigured = DemoPermissionPolicy.fromConfig(new ConfigReader({}));
    expect(
      await unconfigured.handle({ permission: catalogEntityDelete }, admin),
    ).toEqual({ result: AuthorizeResult.DENY });
  });

  it('stops start-up on an administrator that is not a full entity ref', () => {
    expect(() =>
      DemoPermissionPolicy.fromConfig(
        new ConfigReader({
          permission: { policy: { admins: ['platform-eng'] } },
        }),
      ),
    ).toThrow('permission.policy.admins[0] must be a full entity ref');
  });
});
