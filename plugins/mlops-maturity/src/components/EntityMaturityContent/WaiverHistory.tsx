import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type { WaiverHistoryEntry } from '@mlops-maturity/plugin-mlops-maturity-common';
import { formatTimestamp } from '../shared/formatEvidenceAge';

const useStyles = makeStyles(theme => ({
  list: {
    margin: theme.spacing(0.5, 0, 0),
    paddingLeft: theme.spacing(2.5),
  },
}));

const ACTIONS: Record<WaiverHistoryEntry['action'], string> = {
  granted: 'granted',
  revoked: 'revoked',
  expired: 'expired',
};

/** The audit trail of the entity's waivers: who granted or revoked which, when and why. */
export function WaiverHistory(props: { events: WaiverHistoryEntry[] }) {
  const classes = useStyles();
  if (props.events.length === 0) return null;
  return (
    <section aria-labelledby="mlops-waiver-history">
      <Typography variant="subtitle2" component="h3" id="mlops-waiver-history">
        Waivers
      </Typography>
      <ul className={classes.list}>
        {[...props.events].reverse().map(event => (
          <li key={`${event.waiver.id}:${event.action}`}>
            <Typography variant="body2">
              <time dateTime={event.at}>{formatTimestamp(event.at)}</time>:
              waiver of <code>{event.waiver.checkId}</code>{' '}
              {ACTIONS[event.action]}
              {event.actor ? ` by ${event.actor}` : ''}
              {event.action === 'granted'
                ? ` until ${event.waiver.expiresAt.slice(0, 10)}: ${
                    event.waiver.reason
                  }`
                : ''}
            </Typography>
          </li>
        ))}
      </ul>
    </section>
  );
}
