import Tooltip from '@material-ui/core/Tooltip';
import { makeStyles } from '@material-ui/core/styles';
import type { CheckStatus } from '@mlops-maturity/plugin-mlops-maturity-common';
import { checkStatusMeta } from './checkStatus';

const useStyles = makeStyles(theme => ({
  chip: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: theme.spacing(0.5),
    padding: theme.spacing(0.25, 1, 0.25, 0.5),
    borderRadius: 12,
    border: '1px solid currentColor',
    backgroundColor: theme.palette.background.paper,
    fontSize: '0.8125rem',
    fontWeight: 500,
    lineHeight: 1.4,
    whiteSpace: 'nowrap',
    cursor: 'help',
  },
  icon: {
    fontSize: '1.1rem',
  },
  visuallyHidden: {
    position: 'absolute',
    width: 1,
    height: 1,
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    clipPath: 'inset(50%)',
    whiteSpace: 'nowrap',
  },
}));

/** @public */
export interface CheckStatusChipProps {
  status: CheckStatus;
}

/**
 * The status of a check: a distinct icon, colour and text label. Its meaning is in a tooltip
 * for pointer users and read out after the label by screen readers; pages that show many
 * statuses also show the always-visible {@link CheckStatusLegend}.
 *
 * @public
 */
export function CheckStatusChip(props: CheckStatusChipProps) {
  const classes = useStyles();
  const meta = checkStatusMeta(props.status);
  const { Icon } = meta;
  return (
    <Tooltip title={meta.meaning} arrow>
      <span
        className={classes.chip}
        style={{ color: meta.color }}
        data-status={props.status}
      >
        <Icon className={classes.icon} aria-hidden="true" />
        <span>{meta.label}</span>
        <span className={classes.visuallyHidden}>: {meta.meaning}</span>
      </span>
    </Tooltip>
  );
}
