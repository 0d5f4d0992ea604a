import { useCallback } from 'react';
import { useRouteRef } from '@backstage/core-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { tryParseRef } from './format';

/**
 * The catalog page of an entity reference, optionally one of its tabs (`mlops-maturity`);
 * `undefined` for a value that is no entity reference, such as `(none)`.
 */
export type EntityHref = (ref: string, tab?: string) => string | undefined;

/**
 * The catalog's entity route, or `undefined` in an app without the catalog's entity page,
 * where `useRouteRef` throws. It throws after calling all of its own hooks, and whether the
 * route is bound does not change while the page is shown, so the hooks run in the same order
 * on every render.
 */
function useOptionalEntityRoute() {
  try {
    return useRouteRef(entityRouteRef);
  } catch {
    return undefined;
  }
}

/**
 * Builds links to entity pages through the catalog's `entityRouteRef`; without the catalog's
 * entity page there are no links.
 */
export function useEntityHref(): EntityHref {
  const entityRoute = useOptionalEntityRoute();
  return useCallback(
    (ref: string, tab?: string) => {
      const compound = tryParseRef(ref);
      if (!compound || !entityRoute) {
        return undefined;
      }
      const path = entityRoute({
        kind: compound.kind.toLocaleLowerCase('en-US'),
        namespace: compound.namespace.toLocaleLowerCase('en-US'),
        name: compound.name,
      });
      return tab ? `${path.replace(/\/$/, '')}/${tab}` : path;
    },
    [entityRoute],
  );
}
