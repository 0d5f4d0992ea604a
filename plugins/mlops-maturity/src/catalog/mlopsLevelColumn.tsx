import type { Entity } from '@backstage/catalog-model';
import type { TableColumn } from '@backstage/core-components';
import {
  CatalogTable,
  type CatalogTableColumnsFunc,
  type CatalogTableRow,
} from '@backstage/plugin-catalog';
import {
  formatMaturityLevel,
  MLOPS_LABELS,
  parseMaturityLevel,
  type MaturityLevel,
} from '@mlops-maturity/plugin-mlops-maturity-common';
import { LevelBadge } from '../components/shared/LevelBadge';

/** The level the catalog module stamped on an entity, if it carries a valid one. */
function entityLevel(entity: Entity): MaturityLevel | undefined {
  return parseMaturityLevel(entity.metadata.labels?.[MLOPS_LABELS.level]);
}

/** Options of {@link createMlopsLevelColumn}. @public */
export interface MlopsLevelColumnOptions {
  /** The column's title; defaults to `MLOps level`. */
  title?: string;
}

/**
 * A column of the catalog index table with the MLOps level badge of each entity, read from the
 * `mlops-maturity.io/level` label the catalog module stamps; empty for entities without it. It
 * sorts by level (entities without one first when ascending) and the table's search matches the
 * level's name, such as `L2 Automated`. Catalog tables with server-side pagination sort the rows
 * of the page shown.
 *
 * @public
 */
export function createMlopsLevelColumn(
  options: MlopsLevelColumnOptions = {},
): TableColumn<CatalogTableRow> {
  return {
    title: options.title ?? 'MLOps level',
    width: 'auto',
    customSort: (a, b) =>
      (entityLevel(a.entity) ?? -1) - (entityLevel(b.entity) ?? -1),
    customFilterAndSearch: (query, row) => {
      const level = entityLevel(row.entity);
      return (
        level !== undefined &&
        formatMaturityLevel(level)
          .toLocaleLowerCase('en-US')
          .includes(String(query).toLocaleLowerCase('en-US'))
      );
    },
    render: ({ entity }) => {
      const level = entityLevel(entity);
      return level === undefined ? null : (
        <LevelBadge level={level} size="small" />
      );
    },
  };
}

/** Kinds whose entities carry no level: the column would stay empty. */
const UNSCORED_KINDS = ['user', 'group', 'domain', 'system', 'location'];

/**
 * Adds the "MLOps level" column ({@link createMlopsLevelColumn}) to the catalog index table's
 * columns: the given ones, or the catalog's defaults (`CatalogTable.defaultColumnsFunc`). The
 * column goes after the lifecycle column when there is one, else at the end, and is left out
 * while the table lists users, groups, domains, systems or locations, which carry no level.
 *
 * @example
 * ```tsx
 * <CatalogIndexPage columns={withMlopsLevelColumn()} />
 * ```
 *
 * @public
 */
export function withMlopsLevelColumn(
  columns:
    | TableColumn<CatalogTableRow>[]
    | CatalogTableColumnsFunc = CatalogTable.defaultColumnsFunc,
  options: MlopsLevelColumnOptions = {},
): CatalogTableColumnsFunc {
  const levelColumn = createMlopsLevelColumn(options);
  return context => {
    const base =
      typeof columns === 'function' ? columns(context) : [...columns];
    const kind = (
      context.entities[0]?.kind ?? context.filters.kind?.value
    )?.toLocaleLowerCase('en-US');
    if (kind && UNSCORED_KINDS.includes(kind)) {
      return base;
    }
    const lifecycle = base.findIndex(c => c.field === 'entity.spec.lifecycle');
    const at = lifecycle === -1 ? base.length : lifecycle + 1;
    return [...base.slice(0, at), levelColumn, ...base.slice(at)];
  };
}
