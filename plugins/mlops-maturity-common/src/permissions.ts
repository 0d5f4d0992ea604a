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
 * Every permission of the MLOps maturity plugins.
 *
 * @public
 */
export const mlopsMaturityPermissions = [
  mlopsMaturityAssessmentReadPermission,
  mlopsMaturityAssessmentRefreshPermission,
];
