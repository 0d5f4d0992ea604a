import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  mlopsMaturityAssessmentReadPermission,
  mlopsMaturityAssessmentRefreshPermission,
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

describe('DemoPermissionPolicy', () => {
  const policy = new DemoPermissionPolicy();

  it('lets every user read assessments', async () => {
    expect(
      await policy.handle(
        { permission: mlopsMaturityAssessmentReadPermission },
        user([]),
      ),
    ).toEqual({ result: AuthorizeResult.ALLOW });
  });

  it('lets only members of the owning group refresh', async () => {
    const decision = await policy.handle(
      { permission: mlopsMaturityAssessmentRefreshPermission },
      user(['user:default/ada', 'group:default/fraud-ml']),
    );
    expect(decision).toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'catalog',
      resourceType: 'catalog-entity',
      conditions: {
        rule: 'IS_ENTITY_OWNER',
        resourceType: 'catalog-entity',
        params: { claims: ['user:default/ada', 'group:default/fraud-ml'] },
      },
    });
  });
});
