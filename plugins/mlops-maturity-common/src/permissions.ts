import { RESOURCE_TYPE_CATALOG_ENTITY } from '@backstage/plugin-catalog-common/alpha';
import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Read maturity assessments. Entities are also filtered by the catalog's own read rules.
 *
 * @public
 */
export const mlopsMaturityAssessmentReadPermission = createPermission({
  name: 'mlops-maturity.assessment.read',
  attributes: { action: 'read' },
});

/**
 * Re-assess one entity now. A catalog-entity resource permission, so that policies can use
 * catalog conditions such as `isEntityOwner`.
 *
 * @public
 */
export const mlopsMaturityAssessmentRefreshPermission = createPermission({
  name: 'mlops-maturity.assessment.refresh',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Grant and revoke waivers of an entity's checks. A catalog-entity resource permission, so that
 * policies can decide per entity; the demo policy lets configured platform groups grant them.
 *
 * @public
 */
export const mlopsMaturityWaiverCreatePermission = createPermission({
  name: 'mlops-maturity.waiver.create',
  attributes: { action: 'create' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Every permission of the MLOps maturity plugins.
 *
 * @public
 */
export const mlopsMaturityPermissions = [
  mlopsMaturityAssessmentReadPermission,
  mlopsMaturityAssessmentRefreshPermission,
  mlopsMaturityWaiverCreatePermission,
];
