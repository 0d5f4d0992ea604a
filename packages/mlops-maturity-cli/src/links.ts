import { parseEntityRef } from '@backstage/catalog-model';

/** The path of the plugin's tab on an entity page (the frontend plugin's entity content). */
export const ENTITY_TAB_PATH = 'mlops-maturity';

/**
 * The entity's "MLOps maturity" tab in the Backstage app at `appUrl`: the catalog's entity
 * route, `/catalog/:namespace/:kind/:name`, with the tab's path.
 */
export function entityTabUrl(appUrl: string, entityRef: string): string {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  return [
    appUrl.replace(/\/+$/, ''),
    'catalog',
    encodeURIComponent(namespace),
    encodeURIComponent(kind.toLocaleLowerCase('en-US')),
    encodeURIComponent(name),
    ENTITY_TAB_PATH,
  ].join('/');
}
