import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import HistoryIcon from '@material-ui/icons/History';
import { Link } from '@backstage/core-components';
import {
  CheckResult,
  formatMaturityLevel,
  MATURITY_LEVELS,
} from '@mlops-maturity/plugin-mlops-maturity-common';
import { CheckStatusChip } from '../shared/CheckStatusChip';
import { useCheckListStyles } from './checkListStyles';
import {
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

/** One check: status, message, evidence age, stale marker and deep links to the proof. */
function CheckItem(props: { check: CheckResult; now: Date }) {
  const { check, now } = props;
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
      </div>
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
  /** The moment evidence ages are measured from; now by default. */
  now?: Date;
}

/** Every check, grouped by level under an `h3` per level. */
export function CheckList(props: CheckListProps) {
  const { checks, now = new Date() } = props;
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
                <CheckItem key={check.id} check={check} now={now} />
              ))}
            </ul>
          </section>
        );
      })}
    </>
  );
}
