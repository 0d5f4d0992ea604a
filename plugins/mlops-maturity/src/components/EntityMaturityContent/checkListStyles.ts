import { makeStyles } from '@material-ui/core/styles';

/** The look of a list of checks, shared by the check list and the next level's blockers. */
export const useCheckListStyles = makeStyles(theme => ({
  list: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
  },
  item: {
    padding: theme.spacing(1.5, 0),
    borderTop: `1px solid ${theme.palette.divider}`,
  },
  header: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1),
  },
  title: {
    fontWeight: 600,
    margin: 0,
    fontSize: '1rem',
  },
}));
