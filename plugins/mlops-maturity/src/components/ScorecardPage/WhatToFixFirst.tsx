import {
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import Grid from '@material-ui/core/Grid';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  type Leverage,
  type Rubric,
  type ScorecardFilter,
} from '@mlops-maturity/plugin-mlops-maturity-common';
import useAsync from 'react-use/esm/useAsync';
import { mlopsMaturityApiRef } from '../../api/MlopsMaturityApi';
import { ColumnHeaders } from './ColumnHeaders';
import { displayRef, formatCount } from './format';
import { useEntityHref } from './useEntityHref';
import type { ScorecardFilters } from './useScorecardFilters';

/** How many services one check from their target the section names; the link lists them all. */
export const SERVICES_SHOWN = 10;

const useStyles = makeStyles(theme => ({
  more: {
    marginTop: theme.spacing(1.5),
  },
  nowrap: {
    whiteSpace: 'nowrap',
  },
}));

const services = (n: number) =>
  `${formatCount(n)} service${n === 1 ? '' : 's'}`;

type CheckTitle = (checkId: string) => string;

function ChecksThatLift(props: {
  leverage: Leverage;
  title: CheckTitle;
  linkWith: ScorecardFilters['linkWith'];
}) {
  const { leverage, title, linkWith } = props;
  if (leverage.checks.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No single check keeps any of these services from its next level.
      </Typography>
    );
  }
  return (
    <Table size="small" aria-label="Checks that lift services">
      <ColumnHeaders
        columns={[
          { label: 'Check' },
          { label: 'Fixed alone, lifts', numeric: true },
          { label: 'To their target', numeric: true },
        ]}
      />
      <TableBody>
        {leverage.checks.map(check => (
          <TableRow key={check.checkId}>
            <TableCell component="th" scope="row">
              {title(check.checkId)}
            </TableCell>
            <TableCell align="right">
              <Link
                to={linkWith({
                  lastBlocker: check.checkId,
                  oneCheckFromTarget: undefined,
                })}
              >
                {services(check.lifts)}
              </Link>
            </TableCell>
            <TableCell align="right">
              {check.reachesTarget > 0 ? (
                <Link
                  to={linkWith({
                    lastBlocker: check.checkId,
                    oneCheckFromTarget: 'true',
                  })}
                >
                  {services(check.reachesTarget)}
                </Link>
              ) : (
                '–'
              )}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function OneCheckFromTarget(props: {
  leverage: Leverage;
  title: CheckTitle;
  linkWith: ScorecardFilters['linkWith'];
}) {
  const { leverage, title, linkWith } = props;
  const classes = useStyles();
  const href = useEntityHref();
  const total = leverage.oneCheckFromTargetTotal;
  if (total === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No service is one check from its target.
      </Typography>
    );
  }
  return (
    <>
      <Table size="small" aria-label="Services one check from their target">
        <ColumnHeaders
          columns={[
            { label: 'Service' },
            { label: 'Owner' },
            { label: 'Level → target' },
            { label: 'Check to fix' },
          ]}
        />
        <TableBody>
          {leverage.oneCheckFromTarget.map(service => {
            const to = href(service.entityRef, 'mlops-maturity');
            const name = service.title || displayRef(service.entityRef);
            return (
              <TableRow key={service.entityRef}>
                <TableCell component="th" scope="row">
                  {to ? <Link to={to}>{name}</Link> : name}
                </TableCell>
                <TableCell className={classes.nowrap}>
                  {service.owner ? displayRef(service.owner) : '–'}
                </TableCell>
                <TableCell className={classes.nowrap}>
                  {`L${service.level} → L${service.targetLevel}`}
                </TableCell>
                <TableCell>{title(service.checkId)}</TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
      <Typography variant="body2" className={classes.more}>
        <Link
          to={linkWith({
            oneCheckFromTarget: 'true',
            lastBlocker: undefined,
          })}
        >
          {`List the ${services(total)} one check from their target`}
        </Link>
      </Typography>
    </>
  );
}

/**
 * What to fix first: the checks that alone keep services from their next level, ranked by how
 * many services fixing each would lift, and the services one check from their target. Each
 * count links to the services list narrowed to exactly those services.
 */
export function WhatToFixFirst(props: {
  filter: ScorecardFilter;
  filterKey: string;
  rubric?: Rubric;
  linkWith: ScorecardFilters['linkWith'];
}) {
  const { filter, filterKey, rubric, linkWith } = props;
  const api = useApi(mlopsMaturityApiRef);
  const { value, error } = useAsync(
    () => api.getLeverage(filter, { limit: SERVICES_SHOWN }),
    // `filter` changes with `filterKey`
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, filterKey],
  );
  // Without the rubric the checks still show, by their ids.
  const title: CheckTitle = checkId =>
    rubric?.checks.find(c => c.id === checkId)?.title ?? checkId;

  let body;
  if (error) {
    body = (
      <ResponseErrorPanel
        error={error}
        title="Could not load what to fix first"
      />
    );
  } else if (!value) {
    body = <Progress />;
  } else {
    body = (
      <Grid container spacing={3}>
        <Grid item xs={12} lg={6}>
          <Typography variant="h6" component="h3" gutterBottom>
            Checks that lift the most services
          </Typography>
          <ChecksThatLift leverage={value} title={title} linkWith={linkWith} />
        </Grid>
        <Grid item xs={12} lg={6}>
          <Typography variant="h6" component="h3" gutterBottom>
            {`One check from their target (${formatCount(
              value.oneCheckFromTargetTotal,
            )})`}
          </Typography>
          <OneCheckFromTarget
            leverage={value}
            title={title}
            linkWith={linkWith}
          />
        </Grid>
      </Grid>
    );
  }

  return (
    <section aria-label="What to fix first">
      <InfoCard
        title="What to fix first"
        titleTypographyProps={{ component: 'h2' }}
        subheader="The checks that alone keep services from their next level, and the services one check from their target"
      >
        {body}
      </InfoCard>
    </section>
  );
}
