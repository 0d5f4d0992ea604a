import { ReactNode } from 'react';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';

const useStyles = makeStyles(theme => ({
  root: {
    padding: theme.spacing(2, 3, 3),
    height: '100%',
  },
  header: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: theme.spacing(1),
    marginBottom: theme.spacing(2),
  },
}));

/** A card-like region of the tab with an `h2` heading that names it for assistive technology. */
export function Section(props: {
  id: string;
  title: string;
  action?: ReactNode;
  children: ReactNode;
}) {
  const { id, title, action, children } = props;
  const classes = useStyles();
  const headingId = `mlops-maturity-${id}`;
  return (
    <Paper
      component="section"
      className={classes.root}
      aria-labelledby={headingId}
    >
      <div className={classes.header}>
        <Typography variant="h5" component="h2" id={headingId}>
          {title}
        </Typography>
        {action}
      </div>
      {children}
    </Paper>
  );
}
