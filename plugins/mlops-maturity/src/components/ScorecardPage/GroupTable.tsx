import { useMemo } from 'react';
import {
  InfoCard,
  Link,
  Table,
  type TableColumn,
} from '@backstage/core-components';
import IconButton from '@material-ui/core/IconButton';
import { SelectField } from './SelectField';
import Tooltip from '@material-ui/core/Tooltip';
import FilterListIcon from '@material-ui/icons/FilterList';
import {
  formatMaturityLevel,
  MATURITY_LEVELS,
  type Scorecard,
  type ScorecardGroupBy,
} from '@mlops-maturity/plugin-mlops-maturity-common';
import {
  countAt,
  displayRef,
  formatCount,
  formatCountOf,
  percent,
} from './format';
import { useEntityHref } from './useEntityHref';
import { GROUP_BY_OPTIONS, type ScorecardParam } from './useScorecardFilters';

/** One row of the group table. */
export interface GroupRow {
  key: string;
  name: string;
  l0: number;
  l1: number;
  l2: number;
  l3: number;
  l4: number;
  total: number;
  meetsTarget: number;
  /** The share that meets its target, 0–100, to sort by. */
  share: number;
  /** Levels declared but unproven, summed over the group's services; sorted by. */
  unprovenLevels: number;
  /** How many of the group's services have a level declared but unproven. */
  unproven: number;
}

const NONE = '(none)';

export function toGroupRows(scorecard: Scorecard): GroupRow[] {
  return scorecard.groups.map(group => ({
    key: group.key,
    name: group.key === NONE ? NONE : displayRef(group.key),
    l0: countAt(group.byLevel, 0),
    l1: countAt(group.byLevel, 1),
    l2: countAt(group.byLevel, 2),
    l3: countAt(group.byLevel, 3),
    l4: countAt(group.byLevel, 4),
    total: group.total,
    meetsTarget: group.meetsTarget,
    share: percent(group.meetsTarget, group.total),
    unprovenLevels: group.unprovenLevels,
    unproven: group.unproven,
  }));
}

/** The page filter a group of this kind narrows the page to, if any. */
const FILTER_OF_GROUP: Partial<Record<ScorecardGroupBy, ScorecardParam>> = {
  owner: 'owner',
  system: 'system',
  domain: 'domain',
  lifecycle: 'lifecycle',
};

/**
 * The scorecard per owner, system, domain or lifecycle: counts per level, totals, the share
 * that meets its target, and the levels declared but unproven with how many services have
 * them. Sorting and the search box work on the loaded groups; the groups themselves are
 * aggregated by the backend.
 */
export function GroupTable(props: {
  scorecard: Scorecard;
  groupBy: ScorecardGroupBy;
  onGroupByChange(groupBy: ScorecardGroupBy): void;
  onFilter(param: ScorecardParam, value: string): void;
}) {
  const { scorecard, groupBy, onGroupByChange, onFilter } = props;
  const entityHref = useEntityHref();
  const groupLabel =
    GROUP_BY_OPTIONS.find(o => o.value === groupBy)?.label ?? groupBy;
  const filterParam = FILTER_OF_GROUP[groupBy];

  // material-table keeps its state on the row objects; new rows only for new data.
  const rows = useMemo(() => toGroupRows(scorecard), [scorecard]);

  const columns = useMemo((): TableColumn<GroupRow>[] => {
    const lower = groupLabel.toLocaleLowerCase('en-US');
    return [
      {
        title: groupLabel,
        field: 'name',
        highlight: true,
        render: row => {
          const href = entityHref(row.key);
          return (
            <>
              {href ? <Link to={href}>{row.name}</Link> : row.name}
              {filterParam && row.key !== NONE && (
                <Tooltip title={`Show only ${lower} ${row.name}`}>
                  <IconButton
                    size="small"
                    aria-label={`Show only ${lower} ${row.name}`}
                    onClick={() => onFilter(filterParam, row.key)}
                  >
                    <FilterListIcon fontSize="small" />
                  </IconButton>
                </Tooltip>
              )}
            </>
          );
        },
      },
      ...MATURITY_LEVELS.map(
        (level): TableColumn<GroupRow> => ({
          title: formatMaturityLevel(level),
          field: `l${level}` as keyof GroupRow,
          type: 'numeric',
          render: row => formatCount(row[`l${level}` as 'l0']),
        }),
      ),
      {
        title: 'Total',
        field: 'total',
        type: 'numeric',
        defaultSort: 'desc',
        render: row => formatCount(row.total),
      },
      {
        title: 'Meets target',
        field: 'share',
        type: 'numeric',
        render: row => `${row.share}% (${formatCount(row.meetsTarget)})`,
      },
      {
        title: 'Declared but unproven',
        field: 'unprovenLevels',
        type: 'numeric',
        render: row =>
          row.unprovenLevels === 0
            ? '0'
            : `${formatCountOf(row.unprovenLevels, 'level')} (${formatCountOf(
                row.unproven,
                'service',
              )})`,
      },
    ];
  }, [groupLabel, filterParam, entityHref, onFilter]);

  return (
    <InfoCard
      title={`By ${groupLabel.toLocaleLowerCase('en-US')}`}
      titleTypographyProps={{ component: 'h2' }}
      subheader={`${formatCount(
        rows.length,
      )} groups; select a column header to sort`}
      noPadding
      action={
        <SelectField
          id="mlops-maturity-group-by"
          label="Group by"
          value={groupBy}
          onChange={value => onGroupByChange(value as ScorecardGroupBy)}
          options={GROUP_BY_OPTIONS}
        />
      }
    >
      <Table<GroupRow>
        columns={columns}
        data={rows}
        options={{
          paging: rows.length > 20,
          pageSize: 20,
          pageSizeOptions: [20, 50, 100],
          search: true,
          searchFieldAlignment: 'left',
          padding: 'dense',
          emptyRowsWhenPaging: false,
          showTitle: false,
          // Ascending and descending only; a third click does not drop the sort.
          thirdSortClick: false,
          draggable: false,
        }}
        localization={{
          toolbar: {
            searchPlaceholder: `Search ${groupLabel.toLocaleLowerCase(
              'en-US',
            )}s`,
            searchAriaLabel: `Search ${groupLabel.toLocaleLowerCase('en-US')}s`,
          },
        }}
        emptyContent={
          <div style={{ padding: 16 }}>No groups for these filters.</div>
        }
      />
    </InfoCard>
  );
}
