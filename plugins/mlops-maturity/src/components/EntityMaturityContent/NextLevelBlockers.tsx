import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  formatMaturityLevel,
  NextLevel,
} from '@mlops-maturity/plugin-mlops-maturity-common';
import { CheckStatusChip } from '../shared/CheckStatusChip';
import { useCheckListStyles } from './checkListStyles';

const useStyles = makeStyles(theme => ({
  guidance: {
    marginTop: theme.spacing(0.5),
    paddingLeft: theme.spacing(1.5),
    borderLeft: `3px solid ${theme.palette.primary.main}`,
  },
}));

/** @public */
export interface NextLevelBlockersProps {
  /** Absent at level 4. */
  nextLevel?: NextLevel;
}

/** What stands between the entity and its next level, with the framework's guidance and effort. */
export function NextLevelBlockers(props: NextLevelBlockersProps) {
  const { nextLevel } = props;
  const classes = { ...useCheckListStyles(), ...useStyles() };
  if (!nextLevel) {
    return (
      <Typography variant="body2">
        This service is at the highest level, L4 Optimized. There is no next
        level to reach.
      </Typography>
    );
  }
  return (
    <>
      <Typography variant="body1" gutterBottom>
        To reach <strong>{formatMaturityLevel(nextLevel.level)}</strong>
        {nextLevel.blockers.length > 0
          ? `, ${nextLevel.blockers.length} ${
              nextLevel.blockers.length === 1 ? 'check' : 'checks'
            } must count.`
          : ', nothing blocks it; it counts at the next assessment.'}
      </Typography>
      {nextLevel.effort && (
        <Typography variant="body2" color="textSecondary" gutterBottom>
          Estimated effort, from the framework: {nextLevel.effort}
        </Typography>
      )}
      {nextLevel.blockers.length > 0 && (
        <ul
          className={classes.list}
          aria-label={`Blockers of ${formatMaturityLevel(nextLevel.level)}`}
        >
          {nextLevel.blockers.map(blocker => (
            <li
              key={blocker.checkId}
              className={classes.item}
              data-check-id={blocker.checkId}
            >
              <div className={classes.header}>
                <h3 className={classes.title}>{blocker.title}</h3>
                <CheckStatusChip status={blocker.status} />
              </div>
              <Typography variant="body2">{blocker.message}</Typography>
              <Typography variant="body2" className={classes.guidance}>
                <strong>How to move up:</strong> {blocker.guidance}
              </Typography>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
