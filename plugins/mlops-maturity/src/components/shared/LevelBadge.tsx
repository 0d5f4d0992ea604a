import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';
import { makeStyles } from '@material-ui/core/styles';
import {
  formatMaturityLevel,
  MaturityLevel,
} from '@mlops-maturity/plugin-mlops-maturity-common';

/**
 * One colour per level, from grey (0 Manual) through ochre, blue and purple to green
 * (4 Optimized), each with white text at WCAG AA contrast; charts use the same.
 *
 * @public
 */
export const LEVEL_COLORS: Readonly<Record<MaturityLevel, string>> = {
  0: '#757575',
  1: '#8d6e00',
  2: '#1565c0',
  3: '#6a1b9a',
  4: '#2e7d32',
};

const useStyles = makeStyles(theme => ({
  root: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    flexWrap: 'wrap',
  },
  verified: {
    fontSize: '0.8rem',
  },
}));

/** @public */
export interface LevelBadgeProps {
  /** The assessed level. */
  level: MaturityLevel;
  /** The verified level; shown beside the level only when it differs. */
  verified?: MaturityLevel;
  /** Chip size; defaults to `medium`. */
  size?: 'small' | 'medium';
}

/**
 * A badge that shows a maturity level such as `L2 Automated`, and the verified level when it is
 * lower than the assessed one (the rest is only declared).
 *
 * @public
 */
export function LevelBadge(props: LevelBadgeProps) {
  const { level, verified, size = 'medium' } = props;
  const classes = useStyles();
  const background = LEVEL_COLORS[level] ?? LEVEL_COLORS[0];
  const label = formatMaturityLevel(level);
  const showVerified = verified !== undefined && verified !== level;
  return (
    <span className={classes.root} data-testid="mlops-level-badge">
      <Chip
        size={size}
        label={label}
        aria-label={`Maturity level ${label}`}
        style={{ backgroundColor: background, color: '#ffffff' }}
      />
      {showVerified && (
        <Tooltip title="The level proven by live tools; the rest of the level is only declared by annotations.">
          <Chip
            size="small"
            variant="outlined"
            className={classes.verified}
            label={`verified ${formatMaturityLevel(verified!)}`}
            aria-label={`Verified level ${formatMaturityLevel(verified!)}`}
          />
        </Tooltip>
      )}
    </span>
  );
}
