import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import {
  isResourcePermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { DemoPermissionPolicy } from '../modules/permissionPolicy';

/** The tag that makes an entity readable by its owners only. */
export const CONFIDENTIAL_TAG = 'confidential';

/**
 * The demo policy, except that entities tagged `confidential` are readable in the catalog by
 * their owners only: a read rule the demo itself does not need (every signed-in user reads
 * there), to check that what the catalog hides stays hidden through other plugins.
 */
export class ConfidentialEntitiesPolicy implements PermissionPolicy {
  readonly #demo: DemoPermissionPolicy;

  constructor(demo: DemoPermissionPolicy) {
    this.#demo = demo;
  }

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const { permission } = request;
    if (
      isResourcePermission(permission, 'catalog-entity') &&
      permission.name === 'catalog.entity.read'
    ) {
      return createCatalogConditionalDecision(permission, {
        anyOf: [
          {
            not: catalogConditions.hasMetadata({
              key: 'tags',
              value: CONFIDENTIAL_TAG,
            }),
          },
          catalogConditions.isEntityOwner({
            claims: user?.info.ownershipEntityRefs ?? [],
          }),
        ],
      });
    }
    return this.#demo.handle(request, user);
  }
}

/** Installs {@link ConfidentialEntitiesPolicy} in place of the demo policy module. */
export const confidentialEntitiesPolicyModule = createBackendModule({
  pluginId: 'permission',
  moduleId: 'confidential-entities-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint, config: coreServices.rootConfig },
      async init({ policy, config }) {
        policy.setPolicy(
          new ConfidentialEntitiesPolicy(
            DemoPermissionPolicy.fromConfig(config),
          ),
        );
      },
    });
  },
});
