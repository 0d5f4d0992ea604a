import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  CatalogProcessor,
  CatalogProcessorEmit,
  LocationSpec,
} from '@backstage/plugin-catalog-node';
import { MLOPS_LABELS } from '@mlops-maturity/plugin-mlops-maturity-common';
import type { LevelLabelCache } from '../labels/LevelLabelCache';

const DERIVED_LABELS: readonly string[] = Object.values(MLOPS_LABELS);

/**
 * Owns the MLOps maturity labels on catalog entities: stamps `mlops-maturity.io/level` and
 * `mlops-maturity.io/meets-target` on assessed entities from an in-memory cache, and drops
 * values written by hand in catalog-info.yaml rather than trusting them.
 *
 * @public
 */
export class MlopsMaturityProcessor implements CatalogProcessor {
  readonly #levels: Pick<LevelLabelCache, 'get'>;

  constructor(options: { levels: Pick<LevelLabelCache, 'get'> }) {
    this.#levels = options.levels;
  }

  getProcessorName(): string {
    return 'MlopsMaturityProcessor';
  }

  async preProcessEntity(
    entity: Entity,
    _location: LocationSpec,
    _emit: CatalogProcessorEmit,
  ): Promise<Entity> {
    const current = this.#levels.get(
      stringifyEntityRef(entity).toLocaleLowerCase('en-US'),
    );
    const labels = entity.metadata.labels ?? {};
    if (!current && !DERIVED_LABELS.some(key => key in labels)) {
      return entity;
    }
    const kept = Object.fromEntries(
      Object.entries(labels).filter(([key]) => !DERIVED_LABELS.includes(key)),
    );
    if (current) {
      kept[MLOPS_LABELS.level] = String(current.level);
      kept[MLOPS_LABELS.meetsTarget] = String(current.meetsTarget);
    }
    return { ...entity, metadata: { ...entity.metadata, labels: kept } };
  }
}
