import type { Entity } from '@backstage/catalog-model';
import type { FilterPredicate } from '@backstage/filter-predicates';
import type {
  DefaultEntityFilters,
  EntityFilter,
} from '@backstage/plugin-catalog-react';
import { MLOPS_LABELS } from '@mlops-maturity/plugin-mlops-maturity-common';

// `as const` keeps the literal key type that FilterPredicate needs.
const LEVEL_PATH = `metadata.labels.${MLOPS_LABELS.level}` as const;

/**
 * A catalog index filter on the `mlops-maturity.io/level` label that the catalog module
 * stamps. It becomes part of the catalog query, so the catalog backend filters and pages.
 *
 * @public
 */
export class MlopsLevelFilter implements EntityFilter {
  constructor(readonly values: string[]) {}

  getCatalogQuery(): FilterPredicate | undefined {
    if (this.values.length === 0) return undefined;
    return this.values.length === 1
      ? { [LEVEL_PATH]: this.values[0] }
      : { [LEVEL_PATH]: { $in: this.values } };
  }

  /** Applied again to each page on the client; equivalent to the query. */
  filterEntity(entity: Entity): boolean {
    const level = entity.metadata.labels?.[MLOPS_LABELS.level];
    return level !== undefined && this.values.includes(level);
  }

  /** Kept in the page's URL as `filters[mlopsLevel]`. */
  toQueryValue(): string[] {
    return this.values;
  }
}

/**
 * The catalog index filters with the MLOps level.
 *
 * @public
 */
export type MlopsEntityFilters = DefaultEntityFilters & {
  mlopsLevel?: MlopsLevelFilter;
};
