import { useCallback, useMemo } from 'react';
import { useAppSearchParams } from '@backstage/frontend-plugin-api';
import {
  parseMaturityLevel,
  type MaturityFilter,
  type MaturityLevel,
  type ScorecardGroupBy,
} from '@mlops-maturity/plugin-mlops-maturity-common';

/** What the group table can group by, in the order of its selector. */
export const GROUP_BY_OPTIONS: ReadonlyArray<{
  value: ScorecardGroupBy;
  label: string;
}> = [
  { value: 'owner', label: 'Owner' },
  { value: 'system', label: 'System' },
  { value: 'domain', label: 'Domain' },
  { value: 'lifecycle', label: 'Lifecycle' },
];

export const DEFAULT_GROUP_BY: ScorecardGroupBy = 'owner';

/** The query parameters of the page; a link with them shows the same view. */
export type ScorecardParam = 'groupBy' | 'level' | 'owner' | 'lifecycle';

/** The page's filters, read from the URL's query string. */
export interface ScorecardFilters {
  groupBy: ScorecardGroupBy;
  level?: MaturityLevel;
  owner?: string;
  lifecycle?: string;
  /** The filter of the scorecard and list routes: level, owner and lifecycle. */
  filter: MaturityFilter;
  /** The filter of the trend route, which has no level: owner and lifecycle. */
  trendFilter: Pick<MaturityFilter, 'owner' | 'lifecycle'>;
  /** A stable string of `filter`, for effect dependencies and React keys. */
  filterKey: string;
  hasFilters: boolean;
  /** Sets or, with `undefined` or `''`, removes query parameters; keeps the others. */
  update(changes: Partial<Record<ScorecardParam, string | undefined>>): void;
  /** Removes the level, owner and lifecycle filters. */
  clear(): void;
}

function parseGroupBy(value: string | null): ScorecardGroupBy {
  return (
    GROUP_BY_OPTIONS.find(o => o.value === value)?.value ?? DEFAULT_GROUP_BY
  );
}

/**
 * The filters of the scorecard page, kept in the query string (`?level=2&owner=...`) so a link
 * to the page shows the same view. Uses the app's history in the new frontend system and React
 * Router in the old one.
 */
export function useScorecardFilters(): ScorecardFilters {
  const [params, setParams] = useAppSearchParams();

  const groupBy = parseGroupBy(params.get('groupBy'));
  const level = parseMaturityLevel(params.get('level') ?? undefined);
  const owner = params.get('owner') || undefined;
  const lifecycle = params.get('lifecycle') || undefined;

  const filter = useMemo(() => {
    const f: MaturityFilter = {};
    if (level !== undefined) f.level = level;
    if (owner) f.owner = owner;
    if (lifecycle) f.lifecycle = lifecycle;
    return f;
  }, [level, owner, lifecycle]);

  const trendFilter = useMemo(() => {
    const f: Pick<MaturityFilter, 'owner' | 'lifecycle'> = {};
    if (owner) f.owner = owner;
    if (lifecycle) f.lifecycle = lifecycle;
    return f;
  }, [owner, lifecycle]);

  const update = useCallback(
    (changes: Partial<Record<ScorecardParam, string | undefined>>) => {
      setParams(previous => {
        const next = new URLSearchParams(previous);
        for (const [key, value] of Object.entries(changes)) {
          if (value === undefined || value === '') {
            next.delete(key);
          } else {
            next.set(key, value);
          }
        }
        return next;
      });
    },
    [setParams],
  );

  const clear = useCallback(
    () => update({ level: undefined, owner: undefined, lifecycle: undefined }),
    [update],
  );

  return {
    groupBy,
    level,
    owner,
    lifecycle,
    filter,
    trendFilter,
    filterKey: JSON.stringify(filter),
    hasFilters: Object.keys(filter).length > 0,
    update,
    clear,
  };
}
