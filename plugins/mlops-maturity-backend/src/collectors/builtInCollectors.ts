import type {
  LoggerService,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import type { EvidenceCollector } from '@mlops-maturity/plugin-mlops-maturity-node';
import { RepositoryCollector } from '../evidence/RepositoryCollector';
import { AirflowCollector } from './airflow/AirflowCollector';
import { DagsterCollector } from './dagster/DagsterCollector';
import { EvidentlyCollector } from './evidently/EvidentlyCollector';
import { FeastCollector } from './feast/FeastCollector';
import { GrafanaCollector } from './grafana/GrafanaCollector';
import { MlflowCollector } from './mlflow/MlflowCollector';
import { PrometheusCollector } from './prometheus/PrometheusCollector';
import { SagemakerCollector } from './sagemaker/SagemakerCollector';
import { WandbCollector } from './wandb/WandbCollector';

/**
 * The collectors the plugin brings for the tools in `mlopsMaturity.tools`: one per tool kind
 * with at least one configured instance, and the repository collector, which reads through
 * Backstage's URL reader. The CI and Kubernetes collectors are backend modules instead, as
 * they read Backstage's own `integrations` and `kubernetes` config.
 *
 * @internal
 */
export function builtInCollectors(options: {
  config: Config;
  logger: LoggerService;
  urlReader: UrlReaderService;
}): EvidenceCollector[] {
  const { config, logger, urlReader } = options;
  const fromConfig = [
    MlflowCollector,
    AirflowCollector,
    DagsterCollector,
    PrometheusCollector,
    EvidentlyCollector,
    GrafanaCollector,
    FeastCollector,
    SagemakerCollector,
    WandbCollector,
  ].map(tool => tool.fromConfig(config, logger));
  return [
    new RepositoryCollector({
      urlReader,
      integrations: ScmIntegrations.fromConfig(config),
      logger,
    }),
    ...fromConfig.filter((c): c is NonNullable<typeof c> => c !== undefined),
  ];
}
