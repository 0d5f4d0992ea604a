/**
 * MLOps maturity for Backstage: the entity tab, overview card, scorecard page and catalog
 * filter. This entry point serves apps on the old frontend system; the new frontend system's
 * plugin is the default export of `@mlops-maturity/plugin-mlops-maturity/alpha`.
 *
 * @packageDocumentation
 */
export {
  mlopsMaturityPlugin,
  MlopsMaturityPage,
  EntityMlopsMaturityContent,
  EntityMlopsMaturityCard,
  EntityGroupMaturityCard,
  MlopsLevelPicker,
} from './plugin';
export {
  createMlopsLevelColumn,
  withMlopsLevelColumn,
} from './catalog/mlopsLevelColumn';
export type { MlopsLevelColumnOptions } from './catalog/mlopsLevelColumn';
export { mlopsMaturityApiRef } from './api/MlopsMaturityApi';
export type {
  MaturityFilter,
  MlopsMaturityApi,
} from '@mlops-maturity/plugin-mlops-maturity-common';
export { MlopsMaturityClient } from '@mlops-maturity/plugin-mlops-maturity-common';
export { MlopsLevelFilter } from './filters/MlopsLevelFilter';
export type { MlopsEntityFilters } from './filters/MlopsLevelFilter';
export { rootRouteRef } from './routes';
