import type { KubeCondition, KubeObject } from './kubernetesTypes';

// KServe's InferenceService (serving.kserve.io/v1beta1), the fields the collector reads
// (kserve pkg/apis/serving/v1beta1: inference_service.go, component.go,
// inference_service_status.go).

/** A Knative traffic target, as KServe copies it into the component status. */
export interface KserveTrafficTarget {
  revisionName?: string;
  percent?: number;
  latestRevision?: boolean;
  tag?: string;
}

/** `status.components.<component>`. */
export interface KserveComponentStatus {
  latestReadyRevision?: string;
  latestCreatedRevision?: string;
  previousRolledoutRevision?: string;
  latestRolledoutRevision?: string;
  traffic?: KserveTrafficTarget[];
}

/** One entry of `status.canaryStatuses` (Standard/RawDeployment mode canaries). */
export interface KserveCanaryStatus {
  name?: string;
  ready?: boolean;
  trafficPercent?: number;
}

/** An InferenceService. */
export interface InferenceService extends KubeObject {
  spec?: {
    predictor?: {
      /** Serverless (Knative) mode: the share of traffic the latest revision gets. */
      canaryTrafficPercent?: number;
    };
    /** Standard (RawDeployment) mode: canary deployments beside the stable predictor. */
    canary?: Array<{
      predictor?: { name?: string };
      trafficPercent?: number;
    }>;
  };
  status?: {
    conditions?: KubeCondition[];
    components?: { predictor?: KserveComponentStatus };
    canaryStatuses?: KserveCanaryStatus[];
    deploymentMode?: string;
  };
}
