import { Entity } from '@backstage/catalog-model';
import {
  CatalogProcessor,
  CatalogProcessorEmit,
  LocationSpec,
} from '@backstage/plugin-catalog-node';
import { MLOPS_LABELS } from '@mlops-maturity/plugin-mlops-maturity-common';

const DERIVED_LABELS: readonly string[] = Object.values(MLOPS_LABELS);

/**
 * Owns the MLOps maturity labels on catalog entities. They are derived from assessments, so a
 * value written by hand in catalog-info.yaml is dropped rather than trusted.
 *
 * @public
 */
export class MlopsMaturityProcessor implements CatalogProcessor {
  getProcessorName(): string {
    return 'MlopsMaturityProcessor';
  }

  async preProcessEntity(
    entity: Entity,
    _location: LocationSpec,
    _emit: CatalogProcessorEmit,
  ): Promise<Entity> {
    const labels = entity.metadata.labels;
    if (!labels || !DERIVED_LABELS.some(key => key in labels)) {
      return entity;
    }
    const kept = Object.fromEntries(
      Object.entries(labels).filter(([key]) => !DERIVED_LABELS.includes(key)),
    );
    return { ...entity, metadata: { ...entity.metadata, labels: kept } };
  }
}
