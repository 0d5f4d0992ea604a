import type { KubeCondition, KubeObject } from './kubernetesTypes';

// Seldon Core 2's Experiment (mlops.seldon.io/v1alpha1), the fields the collector reads
// (seldon-core operator/apis/mlops/v1alpha1/experiment_types.go).

/** An Experiment. */
export interface SeldonExperiment extends KubeObject {
  spec?: {
    /** The model or pipeline whose endpoint the experiment takes over. */
    default?: string;
    candidates?: Array<{ name?: string; weight?: number }>;
    /** Gets a copy of the traffic; its answers are not returned to callers. */
    mirror?: { name?: string; percent?: number };
    resourceType?: 'model' | 'pipeline';
  };
  status?: {
    /** ExperimentReady, CandidatesReady, MirrorReady, and Ready when all three are. */
    conditions?: KubeCondition[];
  };
}
