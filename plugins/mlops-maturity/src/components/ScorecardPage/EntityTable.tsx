import { useMemo, useState } from 'react';
import {
  InfoCard,
  Link,
  ResponseErrorPanel,
  Table,
  type TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import Button from '@material-ui/core/Button';
import { SelectField } from './SelectField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import ChevronLeftIcon from '@material-ui/icons/ChevronLeft';
import ChevronRightIcon from '@material-ui/icons/ChevronRight';
import {
  formatMaturityLevel,
  type AssessmentSummary,
  type MaturityFilter,
} from '@mlops-maturity/plugin-mlops-maturity-common';
import useAsync from 'react-use/esm/useAsync';
import { mlopsMaturityApiRef } from '../../api/MlopsMaturityApi';
import { LevelBadge } from '../shared/LevelBadge';
import { ExportCsvButton } from './ExportCsvButton';
import { formatTimestamp } from '../shared';
import { displayRef, formatCount, tryParseRef } from './format';
import { type EntityHref, useEntityHref } from './useEntityHref';

export const PAGE_SIZES = [25, 50, 100] as const;

/** The path of the entity tab, as the plugin mounts it. */
const MATURITY_TAB = 'mlops-maturity';

const useStyles = makeStyles(theme => ({
  pager: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    justifyContent: 'flex-end',
    gap: theme.spacing(2),
    padding: theme.spacing(1, 2),
  },
  empty: {
    padding: theme.spacing(2),
  },
}));

function entityName(row: AssessmentSummary): string {
  return row.title || tryParseRef(row.entityRef)?.name || row.entityRef;
}

function RefLink(props: { entityRef?: string; href: EntityHref }) {
  const { entityRef, href } = props;
  if (!entityRef) {
    return null;
  }
  const to = href(entityRef);
  const name = displayRef(entityRef);
  return to ? <Link to={to}>{name}</Link> : <>{name}</>;
}

function columns(href: EntityHref): TableColumn<AssessmentSummary>[] {
  return [
    {
      title: 'Service',
      field: 'entityRef',
      highlight: true,
      render: row => {
        const to = href(row.entityRef);
        const name = entityName(row);
        return to ? <Link to={to}>{name}</Link> : name;
      },
    },
    {
      title: 'Owner',
      field: 'owner',
      render: row => <RefLink entityRef={row.owner} href={href} />,
    },
    {
      title: 'System',
      field: 'system',
      render: row => <RefLink entityRef={row.system} href={href} />,
    },
    { title: 'Lifecycle', field: 'lifecycle' },
    {
      title: 'Level',
      field: 'level',
      render: row => (
        <LevelBadge
          level={row.level}
          verified={row.verifiedLevel}
          size="small"
        />
      ),
    },
    {
      title: 'Target',
      field: 'targetLevel',
      render: row => formatMaturityLevel(row.targetLevel),
    },
    {
      title: 'Meets target',
      field: 'meetsTarget',
      render: row => (row.meetsTarget ? 'Yes' : 'No, below target'),
    },
    {
      title: 'Assessed',
      field: 'assessedAt',
      render: row => formatTimestamp(row.assessedAt),
    },
    {
      title: 'Details',
      field: 'entityRef',
      render: row => {
        const to = href(row.entityRef, MATURITY_TAB);
        return to ? (
          <Link to={to} aria-label={`MLOps maturity of ${entityName(row)}`}>
            MLOps maturity
          </Link>
        ) : null;
      },
    },
  ];
}

/**
 * The assessed services of the current filters, a page at a time from the backend (the list
 * route pages by cursor): previous and next pages, the total, links to each entity's page and
 * its MLOps maturity tab, and the CSV export of all of them.
 *
 * Render it with `key={filterKey}` so that a change of filters starts at the first page.
 */
export function EntityTable(props: { filter: MaturityFilter }) {
  const { filter } = props;
  const classes = useStyles();
  const api = useApi(mlopsMaturityApiRef);
  const href = useEntityHref();
  const [pageSize, setPageSize] = useState<number>(PAGE_SIZES[0]);
  // The cursor of every page visited so far and how many rows came before it; the first
  // page has no cursor.
  const [pages, setPages] = useState<
    Array<{ cursor?: string; offset: number }>
  >([{ offset: 0 }]);
  const [pageIndex, setPageIndex] = useState(0);
  const { cursor, offset } = pages[pageIndex];

  const { value, loading, error } = useAsync(
    () => api.listAssessments(filter, { limit: pageSize, cursor }),
    [api, filter, pageSize, cursor],
  );

  const cols = useMemo(() => columns(href), [href]);
  // material-table keeps its state on the row objects; copies keep the API's data intact.
  const rows = useMemo(
    () => (value?.items ?? []).map(item => ({ ...item })),
    [value],
  );

  const nextCursor = value?.nextCursor;
  const first = offset + 1;
  const last = offset + rows.length;
  const total = value?.total ?? 0;
  // While a page loads, the rows on screen are still the previous page's.
  let rangeText = 'Loading…';
  if (!loading) {
    rangeText =
      rows.length > 0
        ? `${formatCount(first)}–${formatCount(last)} of ${formatCount(total)}`
        : `0 of ${formatCount(total)}`;
  }

  const goNext = () => {
    if (!nextCursor) return;
    setPages(previous => [
      ...previous.slice(0, pageIndex + 1),
      { cursor: nextCursor, offset: offset + rows.length },
    ]);
    setPageIndex(pageIndex + 1);
  };
  const goPrevious = () => setPageIndex(Math.max(0, pageIndex - 1));
  const changePageSize = (size: number) => {
    setPageSize(size);
    setPages([{ offset: 0 }]);
    setPageIndex(0);
  };

  return (
    <InfoCard
      title="Services"
      titleTypographyProps={{ component: 'h2' }}
      subheader={
        value
          ? `${formatCount(total)} assessed ML services match the filters`
          : 'Assessed ML services'
      }
      noPadding
      action={<ExportCsvButton filter={filter} />}
    >
      {error ? (
        <ResponseErrorPanel error={error} title="Could not load the services" />
      ) : (
        <>
          <Table<AssessmentSummary>
            columns={cols}
            data={rows}
            isLoading={loading}
            options={{
              paging: false,
              search: false,
              sorting: false,
              toolbar: false,
              draggable: false,
              padding: 'dense',
            }}
            emptyContent={
              <Typography className={classes.empty} variant="body2">
                No assessed services match these filters.
              </Typography>
            }
          />
          <nav className={classes.pager} aria-label="Services pages">
            <SelectField
              id="mlops-maturity-page-size"
              label="Rows per page"
              value={String(pageSize)}
              onChange={size => changePageSize(Number(size))}
              options={PAGE_SIZES.map(size => ({
                value: String(size),
                label: String(size),
              }))}
              variant="standard"
            />
            <Typography variant="body2" role="status">
              {rangeText}
            </Typography>
            <Button
              startIcon={<ChevronLeftIcon />}
              onClick={goPrevious}
              disabled={pageIndex === 0 || loading}
              aria-label="Previous page"
            >
              Previous
            </Button>
            <Button
              endIcon={<ChevronRightIcon />}
              onClick={goNext}
              disabled={!nextCursor || loading}
              aria-label="Next page"
            >
              Next
            </Button>
          </nav>
        </>
      )}
    </InfoCard>
  );
}
