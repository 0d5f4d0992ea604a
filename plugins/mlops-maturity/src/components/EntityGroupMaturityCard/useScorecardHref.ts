import { useCallback } from 'react';
import { useRouteRef } from '@backstage/core-plugin-api';
import type { MaturityLevel } from '@mlops-maturity/plugin-mlops-maturity-common';
import { rootRouteRef } from '../../routes';

/** The scorecard page's route, or `undefined` in an app that does not mount the page. */
function useOptionalScorecardRoute() {
  try {
    return useRouteRef(rootRouteRef);
  } catch {
    // Old frontend system apps without the page: `useRouteRef` throws after its own hooks ran,
    // and whether the page is mounted does not change while a card is shown.
    return undefined;
  }
}

/**
 * Links to the scorecard page filtered by one owner, and optionally one level, with the query
 * parameters the page reads (`?owner=group:default/team&level=2`); `undefined` without the page.
 */
export function useScorecardHref(
  ownerRef: string,
): (level?: MaturityLevel) => string | undefined {
  const route = useOptionalScorecardRoute();
  return useCallback(
    (level?: MaturityLevel) => {
      if (!route) return undefined;
      const params = new URLSearchParams({ owner: ownerRef });
      if (level !== undefined) params.set('level', String(level));
      return `${route()}?${params}`;
    },
    [route, ownerRef],
  );
}
