import { useApi } from '@backstage/frontend-plugin-api';
import Button from '@material-ui/core/Button';
import Paper from '@material-ui/core/Paper';
import { SelectField } from './SelectField';
import { makeStyles } from '@material-ui/core/styles';
import {
  formatMaturityLevel,
  MATURITY_LEVELS,
  type FacetCount,
  type Facets,
} from '@mlops-maturity/plugin-mlops-maturity-common';
import useAsync from 'react-use/esm/useAsync';
import { mlopsMaturityApiRef } from '../../api/MlopsMaturityApi';
import { displayRef, formatCount } from './format';
import type { ScorecardFilters } from './useScorecardFilters';

const useStyles = makeStyles(theme => ({
  root: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(2),
    padding: theme.spacing(2),
    marginBottom: theme.spacing(3),
  },
  field: {
    minWidth: 200,
  },
}));

/**
 * The values of a facet as select options with their counts, with `selected` kept among them
 * (a shared link may name a value the caller has no service of).
 */
function facetOptions(
  facet: readonly FacetCount[] | undefined,
  selected: string | undefined,
  display: (value: string) => string,
): Array<{ value: string; label: string }> {
  const options = (facet ?? []).map(f => ({
    value: f.value,
    label: `${display(f.value)} (${formatCount(f.count)})`,
  }));
  if (selected && !options.some(o => o.value === selected)) {
    options.push({ value: selected, label: display(selected) });
  }
  return options.sort((a, b) => a.label.localeCompare(b.label));
}

/** The facets the page filters by, in the order of their selectors. */
const FACET_FILTERS: ReadonlyArray<{
  param: 'owner' | 'system' | 'domain' | 'lifecycle';
  facet: keyof Facets;
  label: string;
  all: string;
  display: (value: string) => string;
}> = [
  {
    param: 'owner',
    facet: 'owners',
    label: 'Owner',
    all: 'All owners',
    display: displayRef,
  },
  {
    param: 'system',
    facet: 'systems',
    label: 'System',
    all: 'All systems',
    display: displayRef,
  },
  {
    param: 'domain',
    facet: 'domains',
    label: 'Domain',
    all: 'All domains',
    display: displayRef,
  },
  {
    param: 'lifecycle',
    facet: 'lifecycles',
    label: 'Lifecycle',
    all: 'All lifecycles',
    display: value => value,
  },
];

/**
 * The level, owner, system, domain and lifecycle filters of the page. The values to choose
 * from, with how many services have each, come from one facets request.
 */
export function FilterBar(props: { filters: ScorecardFilters }) {
  const { filters } = props;
  const classes = useStyles();
  const api = useApi(mlopsMaturityApiRef);
  const { value: facets } = useAsync(() => api.getFacets(), [api]);

  return (
    <Paper className={classes.root} role="search" aria-label="Filters">
      <SelectField
        id="mlops-maturity-filter-level"
        className={classes.field}
        label="Level"
        value={filters.level === undefined ? '' : String(filters.level)}
        onChange={level => filters.update({ level })}
        options={[
          { value: '', label: 'All levels' },
          ...MATURITY_LEVELS.map(level => ({
            value: String(level),
            label: formatMaturityLevel(level),
          })),
        ]}
      />
      {FACET_FILTERS.map(f => (
        <SelectField
          key={f.param}
          id={`mlops-maturity-filter-${f.param}`}
          className={classes.field}
          label={f.label}
          value={filters[f.param] ?? ''}
          onChange={value => filters.update({ [f.param]: value })}
          options={[
            { value: '', label: f.all },
            ...facetOptions(facets?.[f.facet], filters[f.param], f.display),
          ]}
        />
      ))}
      <Button onClick={filters.clear} disabled={!filters.hasFilters}>
        Clear filters
      </Button>
    </Paper>
  );
}
