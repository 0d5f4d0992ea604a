import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import RefreshIcon from '@material-ui/icons/Refresh';

/** Re-assesses the entity now; disabled with a spinner while it runs. */
export function RefreshButton(props: {
  refreshing: boolean;
  onRefresh: () => void;
  label?: string;
}) {
  const { refreshing, onRefresh, label = 'Refresh assessment' } = props;
  return (
    <Button
      variant="outlined"
      color="primary"
      onClick={onRefresh}
      disabled={refreshing}
      aria-busy={refreshing}
      startIcon={
        refreshing ? (
          <CircularProgress size={16} aria-hidden="true" />
        ) : (
          <RefreshIcon aria-hidden="true" />
        )
      }
    >
      {refreshing ? 'Refreshing…' : label}
    </Button>
  );
}
