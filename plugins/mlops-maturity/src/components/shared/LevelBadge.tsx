import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';
import { makeStyles } from '@material-ui/core/styles';
import {
  formatMaturityLevel,
  MaturityLevel,
} from '@mlops-maturity/plugin-mlops-maturity-common';

/** Background colours per level, from grey (Manual) to green (Optimized). */
const LEVEL_COLORS: Record<MaturityLevel, { bg: string; fg: string }> = {
  0: { bg: '#757575', fg: '#ffffff' },
  1: { bg: '#8d6e00', fg: '#ffffff' },
  2: { bg: '#1565c0', fg: '#ffffff' },
  3: { bg: '#6a1b9a', fg: '#ffffff' },
  4: { bg: '#2e7d32', fg: '#ffffff' },
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
  const colors = LEVEL_COLORS[level] ?? LEVEL_COLORS[0];
  const label = formatMaturityLevel(level);
  const showVerified = verified !== undefined && verified !== level;
  return (
    <span className={classes.root} data-testid="mlops-level-badge">
      <Chip
        size={size}
        label={label}
        aria-label={`Maturity level ${label}`}
        style={{ backgroundColor: colors.bg, color: colors.fg }}
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
