import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { CHECK_STATUSES } from '@mlops-maturity/plugin-mlops-maturity-common';
import { checkStatusMeta } from './checkStatus';

const useStyles = makeStyles(theme => ({
  list: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: theme.spacing(2),
    rowGap: theme.spacing(0.5),
    margin: 0,
  },
  term: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: theme.spacing(0.5),
    fontWeight: 500,
  },
  definition: {
    margin: 0,
  },
}));

/**
 * What each check status means, as a description list; the always-visible
 * counterpart of the status chips' tooltips.
 *
 * @public
 */
export function CheckStatusLegend() {
  const classes = useStyles();
  return (
    <dl className={classes.list} aria-label="What the check statuses mean">
      {CHECK_STATUSES.map(status => {
        const meta = checkStatusMeta(status);
        const { Icon } = meta;
        return (
          <Typography
            key={status}
            component="div"
            variant="body2"
            style={{ display: 'contents' }}
          >
            <dt className={classes.term} style={{ color: meta.color }}>
              <Icon fontSize="small" aria-hidden="true" />
              {meta.label}
            </dt>
            <dd className={classes.definition}>{meta.meaning}</dd>
          </Typography>
        );
      })}
    </dl>
  );
}
