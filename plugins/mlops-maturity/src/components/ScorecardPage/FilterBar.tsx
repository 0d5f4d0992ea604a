import { useApi } from '@backstage/frontend-plugin-api';
import Button from '@material-ui/core/Button';
import Paper from '@material-ui/core/Paper';
import { SelectField } from './SelectField';
import { makeStyles } from '@material-ui/core/styles';
import {
  formatMaturityLevel,
  MATURITY_LEVELS,
} from '@mlops-maturity/plugin-mlops-maturity-common';
import useAsync from 'react-use/esm/useAsync';
import { mlopsMaturityApiRef } from '../../api/MlopsMaturityApi';
import { displayRef } from './format';
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

/** The keys of a scorecard grouping as select options, with `selected` kept among them. */
function groupOptions(
  keys: string[] | undefined,
  selected: string | undefined,
  label: (key: string) => string,
): Array<{ value: string; label: string }> {
  const values = new Set((keys ?? []).filter(k => k && k !== '(none)'));
  if (selected) {
    values.add(selected);
  }
  return [...values]
    .map(value => ({ value, label: label(value) }))
    .sort((a, b) => a.label.localeCompare(b.label));
}

/** The groupings the page filters by, in the order of their selectors. */
const GROUP_FILTERS: ReadonlyArray<{
  param: 'owner' | 'lifecycle';
  label: string;
  all: string;
  display: (key: string) => string;
}> = [
  { param: 'owner', label: 'Owner', all: 'All owners', display: displayRef },
  {
    param: 'lifecycle',
    label: 'Lifecycle',
    all: 'All lifecycles',
    display: key => key,
  },
];

/**
 * The level, owner and lifecycle filters of the page. The owners and lifecycles to choose from
 * come from the scorecard grouped by them, so no list of entities is loaded.
 */
export function FilterBar(props: { filters: ScorecardFilters }) {
  const { filters } = props;
  const classes = useStyles();
  const api = useApi(mlopsMaturityApiRef);
  const { value: keys } = useAsync(
    () =>
      Promise.all(
        GROUP_FILTERS.map(async group =>
          (await api.getScorecard(group.param)).groups.map(g => g.key),
        ),
      ),
    [api],
  );

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
      {GROUP_FILTERS.map((group, i) => (
        <SelectField
          key={group.param}
          id={`mlops-maturity-filter-${group.param}`}
          className={classes.field}
          label={group.label}
          value={filters[group.param] ?? ''}
          onChange={value => filters.update({ [group.param]: value })}
          options={[
            { value: '', label: group.all },
            ...groupOptions(keys?.[i], filters[group.param], group.display),
          ]}
        />
      ))}
      <Button onClick={filters.clear} disabled={!filters.hasFilters}>
        Clear filters
      </Button>
    </Paper>
  );
}
