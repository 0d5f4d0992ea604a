import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  MATURITY_LEVEL_NAMES,
  MATURITY_LEVELS,
  MaturityLevel,
} from '@mlops-maturity/plugin-mlops-maturity-common';

const useStyles = makeStyles(theme => ({
  ladder: {
    display: 'grid',
    gridTemplateColumns: 'repeat(5, minmax(0, 1fr))',
    gap: theme.spacing(1),
    listStyle: 'none',
    margin: 0,
    padding: 0,
    [theme.breakpoints.down('xs')]: {
      gridTemplateColumns: '1fr',
    },
  },
  step: {
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
    padding: theme.spacing(1, 1.5),
    minHeight: 88,
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(0.5),
  },
  reached: {
    backgroundColor:
      theme.palette.type === 'dark'
        ? 'rgba(144, 202, 249, 0.12)'
        : 'rgba(21, 101, 192, 0.08)',
  },
  current: {
    border: `2px solid ${theme.palette.primary.main}`,
  },
  levelName: {
    fontWeight: 600,
  },
  markers: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(0.5),
  },
  marker: {
    fontSize: '0.75rem',
    fontWeight: 500,
    padding: theme.spacing(0, 0.75),
    borderRadius: 8,
    border: '1px solid currentColor',
  },
  markerCurrent: { color: theme.palette.primary.main },
  markerVerified: {
    color: theme.palette.type === 'dark' ? '#81c784' : '#1b5e20',
  },
  markerTarget: {
    color: theme.palette.type === 'dark' ? '#ffb74d' : '#8a4b00',
  },
}));

/** @public */
export interface MaturityLadderProps {
  level: MaturityLevel;
  verifiedLevel: MaturityLevel;
  targetLevel: MaturityLevel;
}

/**
 * The ladder of levels 0–4 with the current, verified and target levels marked in words (not
 * only by colour). The current level is the list's `aria-current` step.
 */
export function MaturityLadder(props: MaturityLadderProps) {
  const { level, verifiedLevel, targetLevel } = props;
  const classes = useStyles();
  return (
    <ol className={classes.ladder} aria-label="Maturity ladder">
      {MATURITY_LEVELS.map(l => {
        const markers: Array<{ text: string; className: string }> = [];
        if (l === level) {
          markers.push({ text: 'Current', className: classes.markerCurrent });
        }
        if (l === verifiedLevel) {
          markers.push({ text: 'Verified', className: classes.markerVerified });
        }
        if (l === targetLevel) {
          markers.push({ text: 'Target', className: classes.markerTarget });
        }
        const classNames = [classes.step];
        if (l <= level) classNames.push(classes.reached);
        if (l === level) classNames.push(classes.current);
        return (
          <li
            key={l}
            className={classNames.join(' ')}
            aria-current={l === level ? 'step' : undefined}
            data-level={l}
          >
            <Typography variant="body2" className={classes.levelName}>
              L{l} {MATURITY_LEVEL_NAMES[l]}
            </Typography>
            <span className={classes.markers}>
              {markers.map(m => (
                <span
                  key={m.text}
                  className={`${classes.marker} ${m.className}`}
                >
                  {m.text}
                </span>
              ))}
            </span>
          </li>
        );
      })}
    </ol>
  );
}
