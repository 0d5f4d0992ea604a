import { useCallback, useMemo } from 'react';
import { useAppSearchParams } from '@backstage/frontend-plugin-api';
import {
  parseMaturityLevel,
  type MaturityFilter,
  type MaturityLevel,
  type ScorecardFilter,
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
export type ScorecardParam =
  | 'groupBy'
  | 'level'
  | 'owner'
  | 'system'
  | 'domain'
  | 'lifecycle'
  | 'lastBlocker'
  | 'oneCheckFromTarget';

/** The filters of the services list alone, set by the links of "What to fix first". */
export type ListScope = Pick<
  MaturityFilter,
  'lastBlocker' | 'oneCheckFromTarget'
>;

/** The page's filters, read from the URL's query string. */
export interface ScorecardFilters {
  groupBy: ScorecardGroupBy;
  level?: MaturityLevel;
  owner?: string;
  system?: string;
  domain?: string;
  lifecycle?: string;
  /** The filter of the scorecard and its aggregates: level, owner, system, domain, lifecycle. */
  filter: ScorecardFilter;
  /** A stable string of `filter`, for effect dependencies and React keys. */
  filterKey: string;
  /** The filter of the trend route, which has no level. */
  trendFilter: Pick<
    MaturityFilter,
    'owner' | 'system' | 'domain' | 'lifecycle'
  >;
  /** What narrows the services list beyond `filter`: one check's services. */
  listScope: ListScope;
  /** The filter of the services list and its export: `filter` and `listScope`. */
  listFilter: MaturityFilter;
  /** A stable string of `listFilter`. */
  listFilterKey: string;
  hasFilters: boolean;
  /** Sets or, with `undefined` or `''`, removes query parameters; keeps the others. */
  update(changes: Partial<Record<ScorecardParam, string | undefined>>): void;
  /** The link to this page with these parameters changed, as {@link update} changes them. */
  linkWith(
    changes: Partial<Record<ScorecardParam, string | undefined>>,
  ): string;
  /** Removes every filter, the list's scope included. */
  clear(): void;
}

/** Query parameters with these changes: `undefined` or `''` removes one. */
function withChanges(
  previous: URLSearchParams,
  changes: Partial<Record<ScorecardParam, string | undefined>>,
): URLSearchParams {
  const next = new URLSearchParams(previous);
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined || value === '') {
      next.delete(key);
    } else {
      next.set(key, value);
    }
  }
  return next;
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
  const system = params.get('system') || undefined;
  const domain = params.get('domain') || undefined;
  const lifecycle = params.get('lifecycle') || undefined;
  const lastBlocker = params.get('lastBlocker') || undefined;
  const oneCheckFromTarget = params.get('oneCheckFromTarget') === 'true';

  const trendFilter = useMemo(() => {
    const f: Pick<MaturityFilter, 'owner' | 'system' | 'domain' | 'lifecycle'> =
      {};
    if (owner) f.owner = owner;
    if (system) f.system = system;
    if (domain) f.domain = domain;
    if (lifecycle) f.lifecycle = lifecycle;
    return f;
  }, [owner, system, domain, lifecycle]);

  const filter = useMemo(() => {
    const f: ScorecardFilter = {};
    if (level !== undefined) f.level = level;
    return { ...f, ...trendFilter };
  }, [level, trendFilter]);

  const listScope = useMemo(() => {
    const s: ListScope = {};
    if (lastBlocker) s.lastBlocker = lastBlocker;
    if (oneCheckFromTarget) s.oneCheckFromTarget = true;
    return s;
  }, [lastBlocker, oneCheckFromTarget]);

  const listFilter = useMemo(
    () => ({ ...filter, ...listScope }),
    [filter, listScope],
  );

  const update = useCallback(
    (changes: Partial<Record<ScorecardParam, string | undefined>>) => {
      setParams(previous => withChanges(previous, changes));
    },
    [setParams],
  );

  const linkWith = useCallback(
    (changes: Partial<Record<ScorecardParam, string | undefined>>) =>
      `?${withChanges(params, changes)}`,
    [params],
  );

  const clear = useCallback(
    () =>
      update({
        level: undefined,
        owner: undefined,
        system: undefined,
        domain: undefined,
        lifecycle: undefined,
        lastBlocker: undefined,
        oneCheckFromTarget: undefined,
      }),
    [update],
  );

  return {
    groupBy,
    level,
    owner,
    system,
    domain,
    lifecycle,
    filter,
    filterKey: JSON.stringify(filter),
    trendFilter,
    listScope,
    listFilter,
    listFilterKey: JSON.stringify(listFilter),
    hasFilters:
      Object.keys(filter).length > 0 || Object.keys(listScope).length > 0,
    update,
    linkWith,
    clear,
  };
}
