import Button from '@material-ui/core/Button';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type { Rubric } from '@mlops-maturity/plugin-mlops-maturity-common';
import type { ListScope } from './useScorecardFilters';

const useStyles = makeStyles(theme => ({
  root: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: theme.spacing(2),
    padding: theme.spacing(1.5, 2),
  },
}));

/** What a scope of the services list shows, in a sentence. */
export function describeListScope(
  scope: ListScope,
  checkTitle: (checkId: string) => string,
): string | undefined {
  const check = scope.lastBlocker && `“${checkTitle(scope.lastBlocker)}”`;
  if (check && scope.oneCheckFromTarget) {
    return `Showing the services that fixing ${check} alone brings to their target.`;
  }
  if (check) {
    return `Showing the services that fixing ${check} alone lifts to their next level.`;
  }
  if (scope.oneCheckFromTarget) {
    return 'Showing the services one check from their target.';
  }
  return undefined;
}

/**
 * Says that the services list shows only the services of a "What to fix first" link, with a
 * button that shows them all again.
 */
export function ListScopeNotice(props: {
  scope: ListScope;
  rubric?: Rubric;
  onShowAll(): void;
}) {
  const { scope, rubric, onShowAll } = props;
  const classes = useStyles();
  const text = describeListScope(
    scope,
    id => rubric?.checks.find(c => c.id === id)?.title ?? id,
  );
  if (!text) return null;
  return (
    <Paper className={classes.root}>
      <Typography variant="body2">{text}</Typography>
      <Button variant="outlined" size="small" onClick={onShowAll}>
        Show all services
      </Button>
    </Paper>
  );
}
