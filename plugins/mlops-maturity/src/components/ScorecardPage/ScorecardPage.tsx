import { useCallback, useEffect, useRef } from 'react';
import {
  Content,
  EmptyState,
  Header,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import {
  ML_SERVICE_TAG,
  type Scorecard,
  type ScorecardGroupBy,
} from '@mlops-maturity/plugin-mlops-maturity-common';
import useAsync from 'react-use/esm/useAsync';
import { mlopsMaturityApiRef } from '../../api/MlopsMaturityApi';
import { EntityTable } from './EntityTable';
import { FilterBar } from './FilterBar';
import { GroupTable } from './GroupTable';
import { LevelDistribution } from './LevelDistribution';
import { ListScopeNotice } from './ListScopeNotice';
import { TopBlockers } from './TopBlockers';
import { TrendChart } from './TrendChart';
import { WhatToFixFirst } from './WhatToFixFirst';
import {
  type ScorecardFilters,
  type ScorecardParam,
  useScorecardFilters,
} from './useScorecardFilters';

function NoAssessments() {
  return (
    <EmptyState
      missing="data"
      title="No ML services have been assessed yet"
      description={
        <>
          <Typography
            variant="body1"
            component="span"
            display="block"
            paragraph
          >
            The MLOps maturity backend assesses ML services on a schedule, so
            the first results appear after its next run.
          </Typography>
          <Typography variant="body1" component="span" display="block">
            Services are scored when the catalog tags them{' '}
            <code>{ML_SERVICE_TAG}</code> (or match the configured selector);
            tag your ML services' <code>catalog-info.yaml</code> with{' '}
            <code>tags: [{ML_SERVICE_TAG}]</code> to include them.
          </Typography>
        </>
      }
    />
  );
}

function NoMatches(props: { onClear(): void }) {
  return (
    <EmptyState
      missing="data"
      title="No assessed ML services match these filters"
      description="Change or clear the filters to see more services."
      action={
        <Button variant="contained" color="primary" onClick={props.onClear}>
          Clear filters
        </Button>
      }
    />
  );
}

function ScorecardSections(props: {
  scorecard: Scorecard;
  filters: ScorecardFilters;
}) {
  const { scorecard, filters } = props;
  const { update } = filters;
  const api = useApi(mlopsMaturityApiRef);
  // Without the rubric the checks still show, by their ids.
  const { value: rubric } = useAsync(() => api.getRubric(), [api]);
  const showAll = useCallback(
    () => update({ lastBlocker: undefined, oneCheckFromTarget: undefined }),
    [update],
  );
  // A "What to fix first" link narrows the services list, further down: bring it into view.
  const services = useRef<HTMLDivElement>(null);
  const scopeKey = JSON.stringify(filters.listScope);
  useEffect(() => {
    if (scopeKey !== '{}') services.current?.scrollIntoView?.();
  }, [scopeKey]);
  const onGroupByChange = useCallback(
    (groupBy: ScorecardGroupBy) => update({ groupBy }),
    [update],
  );
  const onFilter = useCallback(
    (param: ScorecardParam, value: string) => update({ [param]: value }),
    [update],
  );

  return (
    <Grid container spacing={3} alignItems="stretch">
      <Grid item xs={12} lg={6}>
        <LevelDistribution scorecard={scorecard} />
      </Grid>
      <Grid item xs={12} lg={6}>
        <TopBlockers scorecard={scorecard} rubric={rubric} />
      </Grid>
      <Grid item xs={12}>
        <WhatToFixFirst
          filter={filters.filter}
          filterKey={filters.filterKey}
          rubric={rubric}
          linkWith={filters.linkWith}
        />
      </Grid>
      <Grid item xs={12}>
        <GroupTable
          scorecard={scorecard}
          groupBy={filters.groupBy}
          onGroupByChange={onGroupByChange}
          onFilter={onFilter}
        />
      </Grid>
      <Grid item xs={12}>
        <TrendChart
          filter={filters.trendFilter}
          levelFiltered={filters.level !== undefined}
        />
      </Grid>
      {scopeKey !== '{}' && (
        <Grid item xs={12}>
          <div ref={services}>
            <ListScopeNotice
              scope={filters.listScope}
              rubric={rubric}
              onShowAll={showAll}
            />
          </div>
        </Grid>
      )}
      <Grid item xs={12}>
        <EntityTable key={filters.listFilterKey} filter={filters.listFilter} />
      </Grid>
    </Grid>
  );
}

/**
 * The org-wide MLOps maturity page: the distribution by level, the share at target, the most
 * common blockers, a table per owner, system, domain or lifecycle, the trend, and the assessed
 * services with a CSV export. Filters live in the query string, so links keep them. Everything
 * comes from aggregated or paged routes; only the CSV export reads every row.
 *
 * @public
 */
export const ScorecardPage = () => {
  const api = useApi(mlopsMaturityApiRef);
  const filters = useScorecardFilters();
  const { groupBy, filter, filterKey, hasFilters } = filters;
  const {
    value: scorecard,
    loading,
    error,
  } = useAsync(
    () => api.getScorecard(groupBy, filter),
    // `filter` changes with `filterKey`
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, groupBy, filterKey],
  );

  let body;
  if (error) {
    body = (
      <ResponseErrorPanel error={error} title="Could not load the scorecard" />
    );
  } else if (!scorecard) {
    body = <Progress />;
  } else if (scorecard.total === 0 && !hasFilters) {
    body = <NoAssessments />;
  } else if (scorecard.total === 0) {
    body = <NoMatches onClear={filters.clear} />;
  } else {
    body = <ScorecardSections scorecard={scorecard} filters={filters} />;
  }

  // The filters stay out of the way until there is something to filter.
  const showFilters = hasFilters || (scorecard?.total ?? 0) > 0;

  return (
    <Page themeId="tool">
      <Header
        title="MLOps maturity"
        subtitle="Where every ML service stands, from L0 Manual to L4 Optimized"
      />
      <Content>
        {showFilters && <FilterBar filters={filters} />}
        {loading && scorecard && <Progress />}
        {body}
      </Content>
    </Page>
  );
};
