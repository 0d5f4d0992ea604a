import { Fragment } from 'react';
import {
  coreExtensionData,
  createFrontendModule,
} from '@backstage/frontend-plugin-api';
import catalogPlugin, {
  type CatalogIndexPageProps,
} from '@backstage/plugin-catalog/alpha';

const catalogIndexPage = catalogPlugin.getExtension('page:catalog');

// The catalog's own data reference of `CatalogExportConfigBlueprint` extensions, which it does
// not export; its page's input declares it.
const [exportConfigDataRef] =
  catalogIndexPage.inputs.exportConfig.extensionData;

/**
 * The catalog's `page:catalog` with the "MLOps level" column in its table. The catalog offers no
 * input for columns in the new frontend system, so this replaces the page's loader with one that
 * renders the same page with `withMlopsLevelColumn()`, keeping its filters, pagination and
 * export settings (app-config and `catalog-export-config` extensions, merged as the catalog
 * merges them).
 */
const catalogIndexPageWithMlopsLevel = catalogIndexPage.override({
  factory(originalFactory, { inputs, config }) {
    return originalFactory({
      params: {
        loader: async () => {
          const { CatalogIndexPageWithMlopsLevel } = await import(
            './CatalogIndexPageWithMlopsLevel'
          );
          const filters = inputs.filters.map(filter => (
            <Fragment key={filter.node.spec.id}>
              {filter.get(coreExtensionData.reactElement)}
            </Fragment>
          ));
          const exportSettings: NonNullable<
            CatalogIndexPageProps['exportSettings']
          > = { ...config.exportSettings };
          for (const input of inputs.exportConfig) {
            const data = input.get(exportConfigDataRef);
            if (!data) continue;
            if (data.exporters) {
              exportSettings.exporters = {
                ...exportSettings.exporters,
                ...data.exporters,
              };
            }
            exportSettings.columns ??= data.columns;
            exportSettings.onSuccess ??= data.onSuccess;
            exportSettings.onError ??= data.onError;
          }
          return (
            <CatalogIndexPageWithMlopsLevel
              filters={<>{filters}</>}
              pagination={config.pagination}
              exportSettings={
                exportSettings.enabled ? exportSettings : undefined
              }
            />
          );
        },
      },
    });
  },
});

/**
 * Adds the "MLOps level" column to the catalog index table of an app on the new frontend
 * system: a module of the catalog plugin that overrides its `page:catalog` extension. Add it to
 * the app's features beside the catalog plugin.
 *
 * @example
 * ```tsx
 * import catalogPlugin from '@backstage/plugin-catalog/alpha';
 * import { catalogMlopsLevelColumnModule } from '@mlops-maturity/plugin-mlops-maturity/alpha';
 *
 * export default createApp({
 *   features: [catalogPlugin, catalogMlopsLevelColumnModule],
 * });
 * ```
 *
 * @alpha
 */
export const catalogMlopsLevelColumnModule = createFrontendModule({
  pluginId: 'catalog',
  extensions: [catalogIndexPageWithMlopsLevel],
});
