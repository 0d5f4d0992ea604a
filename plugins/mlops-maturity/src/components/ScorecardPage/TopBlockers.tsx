import { InfoCard } from '@backstage/core-components';
import LinearProgress from '@material-ui/core/LinearProgress';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  formatMaturityLevel,
  type Rubric,
  type Scorecard,
} from '@mlops-maturity/plugin-mlops-maturity-common';
import { ColumnHeaders } from './ColumnHeaders';
import { formatCount, percent } from './format';

const useStyles = makeStyles(theme => ({
  bar: {
    marginTop: theme.spacing(0.5),
    height: 6,
    borderRadius: 3,
  },
}));

/**
 * The checks that keep the most services from their next level, named from the rubric (by
 * their check ids until it has loaded).
 */
export function TopBlockers(props: { scorecard: Scorecard; rubric?: Rubric }) {
  const { scorecard, rubric } = props;
  const classes = useStyles();
  const checks = new Map(rubric?.checks.map(c => [c.id, c]));
  const blockers = scorecard.topBlockers;

  return (
    <InfoCard
      title="Most common blockers"
      titleTypographyProps={{ component: 'h2' }}
      subheader="Checks that keep services from their next level"
    >
      {blockers.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          No check blocks any of these services from its next level.
        </Typography>
      ) : (
        <Table size="small" aria-label="Most common blockers">
          <ColumnHeaders
            columns={[
              { label: 'Check' },
              { label: 'Level' },
              { label: 'Services blocked', numeric: true },
            ]}
          />
          <TableBody>
            {blockers.map(blocker => {
              const check = checks.get(blocker.checkId);
              const share = percent(blocker.count, scorecard.total);
              return (
                <TableRow key={blocker.checkId}>
                  <TableCell component="th" scope="row">
                    <Typography variant="body2">
                      {check?.title ?? blocker.checkId}
                    </Typography>
                    <LinearProgress
                      className={classes.bar}
                      variant="determinate"
                      value={Math.min(share, 100)}
                      aria-hidden="true"
                    />
                  </TableCell>
                  <TableCell>
                    {check ? formatMaturityLevel(check.level) : '–'}
                  </TableCell>
                  <TableCell align="right">
                    {formatCount(blocker.count)}
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      )}
    </InfoCard>
  );
}
