import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import {
  AuthorizeResult,
  isPermission,
  isResourcePermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import {
  mlopsMaturityAssessmentRefreshPermission,
  mlopsMaturityWaiverCreatePermission,
} from '@mlops-maturity/plugin-mlops-maturity-common';

/** Where the administrators are configured. */
export const ADMINS_KEY = 'permission.policy.admins';
/** Where the groups whose members may grant and revoke waivers are configured. */
export const WAIVER_GRANTERS_KEY = 'permission.policy.waiverGranters';

/** `kind:namespace/name`, as ownership claims are written. */
const FULL_ENTITY_REF = /^[^\s:/]+:[^\s:/]+\/[^\s:/]+$/;

/**
 * The catalog's "schedule a refresh" permission, by name: an owner may ask the catalog to
 * re-read their own entity, as they may ask for a new assessment.
 */
const CATALOG_ENTITY_REFRESH = 'catalog.entity.refresh';

/**
 * A policy to start from: every signed-in user may read (catalog entities and locations,
 * MLOps maturity assessments); the owners of an entity may refresh it (its assessment, and
 * the catalog's processing); everything else that changes something, such as deleting an
 * entity or registering a location, only administrators may do: the users and groups listed
 * in `permission.policy.admins` (none by default). Waivers of MLOps maturity checks may be
 * granted and revoked by the members of the groups in `permission.policy.waiverGranters`
 * (none by default), on any entity, and by the administrators.
 */
export class DemoPermissionPolicy implements PermissionPolicy {
  readonly #admins: ReadonlySet<string>;
  readonly #waiverGranters: ReadonlySet<string>;

  /**
   * @param admins - entity refs of users and groups, e.g. `group:default/platform-eng`
   * @param waiverGranters - entity refs of the users and groups who may grant waivers
   */
  constructor(
    admins: readonly string[] = [],
    waiverGranters: readonly string[] = [],
  ) {
    this.#admins = refSet(admins);
    this.#waiverGranters = refSet(waiverGranters);
  }

  /** Reads the configuration; throws naming the key when an entry is not an entity ref. */
  static fromConfig(config: Config): DemoPermissionPolicy {
    return new DemoPermissionPolicy(
      entityRefs(config, ADMINS_KEY),
      entityRefs(config, WAIVER_GRANTERS_KEY),
    );
  }

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const { permission } = request;
    if (permission.attributes.action === 'read') {
      return { result: AuthorizeResult.ALLOW };
    }
    const claims = user?.info.ownershipEntityRefs ?? [];
    const claimsAny = (refs: ReadonlySet<string>) =>
      claims.some(ref => refs.has(ref.toLocaleLowerCase('en-US')));
    if (
      claimsAny(this.#admins) ||
      (isPermission(permission, mlopsMaturityWaiverCreatePermission) &&
        claimsAny(this.#waiverGranters))
    ) {
      return { result: AuthorizeResult.ALLOW };
    }
    if (
      isPermission(permission, mlopsMaturityAssessmentRefreshPermission) ||
      (isResourcePermission(permission, 'catalog-entity') &&
        permission.name === CATALOG_ENTITY_REFRESH)
    ) {
      return createCatalogConditionalDecision(
        permission,
        catalogConditions.isEntityOwner({ claims }),
      );
    }
    return { result: AuthorizeResult.DENY };
  }
}

function refSet(refs: readonly string[]): ReadonlySet<string> {
  return new Set(refs.map(ref => ref.toLocaleLowerCase('en-US')));
}

/** A configured list of entity refs; throws naming the key when an entry is not one. */
function entityRefs(config: Config, key: string): string[] {
  const refs = config.getOptionalStringArray(key) ?? [];
  refs.forEach((ref, i) => {
    if (!FULL_ENTITY_REF.test(ref)) {
      throw new Error(
        `${key}[${i}] must be a full entity ref, kind:namespace/name, such as group:default/platform-eng`,
      );
    }
  });
  return refs;
}

export default createBackendModule({
  pluginId: 'permission',
  moduleId: 'demo-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint, config: coreServices.rootConfig },
      async init({ policy, config }) {
        policy.setPolicy(DemoPermissionPolicy.fromConfig(config));
      },
    });
  },
});
