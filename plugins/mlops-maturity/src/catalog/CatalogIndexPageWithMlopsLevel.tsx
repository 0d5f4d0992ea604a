import {
  CatalogIndexPage,
  type CatalogIndexPageProps,
} from '@backstage/plugin-catalog/alpha';
import { withMlopsLevelColumn } from './mlopsLevelColumn';

// One function for the page's life: the catalog table recomputes its columns when it changes.
const columns = withMlopsLevelColumn();

/**
 * The catalog index page of the new frontend system with the "MLOps level" column; loaded
 * lazily by `catalogMlopsLevelColumnModule`.
 */
export function CatalogIndexPageWithMlopsLevel(props: CatalogIndexPageProps) {
  return <CatalogIndexPage columns={columns} {...props} />;
}
