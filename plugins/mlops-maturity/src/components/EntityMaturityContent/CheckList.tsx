import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import HistoryIcon from '@material-ui/icons/History';
import { Link } from '@backstage/core-components';
import {
  CheckResult,
  formatMaturityLevel,
  MATURITY_LEVELS,
  Waiver,
} from '@mlops-maturity/plugin-mlops-maturity-common';
import { CheckStatusChip } from '../shared/CheckStatusChip';
import { useCheckListStyles } from './checkListStyles';
import {
  formatDate,
  formatEvidenceAge,
  formatTimestamp,
} from '../shared/formatEvidenceAge';

const useStyles = makeStyles(theme => ({
  group: {
    '& + &': {
      marginTop: theme.spacing(3),
    },
  },
  meta: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1.5),
    marginTop: theme.spacing(0.5),
  },
  stale: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: theme.spacing(0.5),
    color: theme.palette.type === 'dark' ? '#ffb74d' : '#8a4b00',
    fontWeight: 500,
    fontSize: '0.8125rem',
  },
  waiver: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1),
    marginTop: theme.spacing(0.5),
  },
  links: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
    listStyle: 'none',
    margin: theme.spacing(0.5, 0, 0),
    padding: 0,
  },
}));

const STALE_MEANING =
  'the tool could not be asked, the result it last verified is kept';

/** What the check list offers those who may waive checks; absent for everyone else. */
export interface WaiverActions {
  /** Opens the waiver dialog for a check that does not count. */
  onWaive(check: CheckResult): void;
  onRevoke(waiver: Waiver): void;
  /** The waiver being revoked, if any. */
  revoking?: string;
}

/**
 * One check: status, message, evidence age, stale marker, its waiver, and deep links to the
 * proof; "Waive" on a check that does not count and "Revoke" on a waiver, for those allowed.
 */
function CheckItem(props: {
  check: CheckResult;
  waiver?: Waiver;
  actions?: WaiverActions;
  now: Date;
}) {
  const { check, waiver, actions, now } = props;
  const classes = { ...useCheckListStyles(), ...useStyles() };
  return (
    <li className={classes.item} data-check-id={check.id}>
      <div className={classes.header}>
        <h4 className={classes.title}>{check.title}</h4>
        <CheckStatusChip status={check.status} />
        {check.stale && (
          <span className={classes.stale}>
            <HistoryIcon fontSize="small" aria-hidden="true" />
            Stale: {STALE_MEANING}
          </span>
        )}
      </div>
      <Typography variant="body2">{check.message}</Typography>
      <div className={classes.meta}>
        <Typography variant="caption" color="textSecondary">
          {check.observedAt ? (
            <>
              Evidence observed{' '}
              <time
                dateTime={check.observedAt}
                title={formatTimestamp(check.observedAt)}
              >
                {formatEvidenceAge(check.observedAt, now)}
              </time>
            </>
          ) : (
            'No evidence observed by a tool'
          )}
        </Typography>
        <Typography variant="caption" color="textSecondary">
          Source: {check.source}
        </Typography>
        {!check.counts && check.status === 'pass' && (
          <Typography variant="caption" color="textSecondary">
            Does not count towards the level
          </Typography>
        )}
        {!check.counts && actions && (
          <Button
            size="small"
            variant="outlined"
            onClick={() => actions.onWaive(check)}
            aria-label={`Waive ${check.title}`}
          >
            Waive
          </Button>
        )}
      </div>
      {waiver && (
        <div className={classes.waiver}>
          <Typography variant="body2" component="p">
            <strong>Waiver:</strong> {waiver.reason} — granted by{' '}
            {waiver.author}, expires{' '}
            <time dateTime={waiver.expiresAt}>
              {formatDate(waiver.expiresAt)}
            </time>
          </Typography>
          {actions && (
            <Button
              size="small"
              variant="outlined"
              onClick={() => actions.onRevoke(waiver)}
              disabled={actions.revoking === waiver.id}
              aria-label={`Revoke the waiver of ${check.title}`}
            >
              {actions.revoking === waiver.id ? 'Revoking…' : 'Revoke'}
            </Button>
          )}
        </div>
      )}
      {check.links.length > 0 && (
        <ul
          className={classes.links}
          aria-label={`Evidence for ${check.title}`}
        >
          {check.links.map(link => (
            <li key={link.url}>
              <Link
                to={link.url}
                externalLinkIcon
                aria-label={`${link.title} (evidence for ${check.title})`}
              >
                {link.title}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

/** @public */
export interface CheckListProps {
  checks: CheckResult[];
  /** The entity's active waivers, shown with their checks. */
  waivers?: Waiver[];
  /** Waive and revoke, for those allowed. */
  waiverActions?: WaiverActions;
  /** The moment evidence ages are measured from; now by default. */
  now?: Date;
}

/** Every check, grouped by level under an `h3` per level. */
export function CheckList(props: CheckListProps) {
  const { checks, waivers = [], waiverActions, now = new Date() } = props;
  const classes = { ...useCheckListStyles(), ...useStyles() };
  const levels = MATURITY_LEVELS.filter(l =>
    checks.some(check => check.level === l),
  );
  if (levels.length === 0) {
    return <Typography variant="body2">The rubric has no checks.</Typography>;
  }
  return (
    <>
      {levels.map(level => {
        const group = checks.filter(check => check.level === level);
        const headingId = `mlops-checks-level-${level}`;
        return (
          <section
            key={level}
            className={classes.group}
            aria-labelledby={headingId}
          >
            <Typography variant="h6" component="h3" id={headingId}>
              {formatMaturityLevel(level)}
            </Typography>
            <ul className={classes.list}>
              {group.map(check => (
                <CheckItem
                  key={check.id}
                  check={check}
                  waiver={waivers.find(w => w.checkId === check.id)}
                  actions={waiverActions}
                  now={now}
                />
              ))}
            </ul>
          </section>
        );
      })}
    </>
  );
}
