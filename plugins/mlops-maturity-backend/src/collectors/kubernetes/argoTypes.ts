import type { KubeCondition, KubeObject } from './kubernetesTypes';

// Argo Rollouts' Rollout (argoproj.io/v1alpha1), the fields the collector reads
// (argo-rollouts pkg/apis/rollouts/v1alpha1/types.go).

/** One step of a canary strategy; only the kinds the collector tells apart. */
export interface ArgoCanaryStep {
  setWeight?: number;
  pause?: { duration?: string | number };
  analysis?: object;
  experiment?: object;
  setCanaryScale?: object;
}

/** A Rollout. */
export interface ArgoRollout extends KubeObject {
  spec?: {
    paused?: boolean;
    strategy?: {
      canary?: {
        steps?: ArgoCanaryStep[];
        /** Present when a mesh or ingress splits traffic by weight. */
        trafficRouting?: Record<string, unknown>;
        analysis?: object;
      };
      blueGreen?: {
        activeService?: string;
        previewService?: string;
      };
    };
  };
  status?: {
    /** Healthy, Progressing, Paused or Degraded (controllers 1.0 and later). */
    phase?: string;
    message?: string;
    abort?: boolean;
    abortedAt?: string;
    observedGeneration?: string | number;
    currentStepIndex?: number;
    stableRS?: string;
    currentPodHash?: string;
    conditions?: KubeCondition[];
    canary?: {
      weights?: {
        canary?: { weight?: number };
        stable?: { weight?: number };
      };
    };
  };
}
