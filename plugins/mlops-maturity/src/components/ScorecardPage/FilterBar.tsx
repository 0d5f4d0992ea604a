import { useApi } from '@backstage/frontend-plugin-api';
import Button from '@material-ui/core/Button';
import Paper from '@material-ui/core/Paper';
import TextField from '@material-ui/core/TextField';
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
      <TextField
        id="mlops-maturity-filter-level"
        className={classes.field}
        select
        label="Level"
        value={filters.level === undefined ? '' : String(filters.level)}
        onChange={e => filters.update({ level: e.target.value })}
        SelectProps={{ native: true }}
        InputLabelProps={{ shrink: true }}
        variant="outlined"
        size="small"
      >
        <option value="">All levels</option>
        {MATURITY_LEVELS.map(level => (
          <option key={level} value={String(level)}>
            {formatMaturityLevel(level)}
          </option>
        ))}
      </TextField>
      <TextField
        id="mlops-maturity-filter-owner"
        className={classes.field}
        select
        label="Owner"
        value={filters.owner ?? ''}
        onChange={e => filters.update({ owner: e.target.value })}
        SelectProps={{ native: true }}
        InputLabelProps={{ shrink: true }}
        variant="outlined"
        size="small"
      >
        <option value="">All owners</option>
        {ownerOptions.map(o => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </TextField>
      <TextField
        id="mlops-maturity-filter-lifecycle"
        className={classes.field}
        select
        label="Lifecycle"
        value={filters.lifecycle ?? ''}
        onChange={e => filters.update({ lifecycle: e.target.value })}
        SelectProps={{ native: true }}
        InputLabelProps={{ shrink: true }}
        variant="outlined"
        size="small"
      >
        <option value="">All lifecycles</option>
        {lifecycleOptions.map(o => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </TextField>
      <Button onClick={filters.clear} disabled={!filters.hasFilters}>
        Clear filters
      </Button>
    </Paper>
  );
}
