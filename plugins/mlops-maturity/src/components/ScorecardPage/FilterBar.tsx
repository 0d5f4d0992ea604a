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

/**
 * The level, owner and lifecycle filters of the page. The owners and lifecycles to choose from
 * come from the scorecard grouped by them, so no list of entities is loaded.
 */
export function FilterBar(props: { filters: ScorecardFilters }) {
  const { filters } = props;
  const classes = useStyles();
  const api = useApi(mlopsMaturityApiRef);
  const { value: options } = useAsync(async () => {
    const [owners, lifecycles] = await Promise.all([
      api.getScorecard('owner'),
      api.getScorecard('lifecycle'),
    ]);
    return {
      owners: owners.groups.map(g => g.key),
      lifecycles: lifecycles.groups.map(g => g.key),
    };
  }, [api]);

  const ownerOptions = groupOptions(options?.owners, filters.owner, displayRef);
  const lifecycleOptions = groupOptions(
    options?.lifecycles,
    filters.lifecycle,
    k => k,
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
      <SelectField
        id="mlops-maturity-filter-owner"
        className={classes.field}
        label="Owner"
        value={filters.owner ?? ''}
        onChange={owner => filters.update({ owner })}
        options={[{ value: '', label: 'All owners' }, ...ownerOptions]}
      />
      <SelectField
        id="mlops-maturity-filter-lifecycle"
        className={classes.field}
        label="Lifecycle"
        value={filters.lifecycle ?? ''}
        onChange={lifecycle => filters.update({ lifecycle })}
        options={[{ value: '', label: 'All lifecycles' }, ...lifecycleOptions]}
      />
      <Button onClick={filters.clear} disabled={!filters.hasFilters}>
        Clear filters
      </Button>
    </Paper>
  );
}
