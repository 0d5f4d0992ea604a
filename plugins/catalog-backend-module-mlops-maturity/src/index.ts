/***/
/**
 * The mlops-maturity-processor module for @backstage/plugin-catalog-backend
 *
 * @packageDocumentation
 */

export { catalogModuleMlopsMaturity as default } from './module';
