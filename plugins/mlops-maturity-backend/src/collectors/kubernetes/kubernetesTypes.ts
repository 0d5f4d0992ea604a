// The Kubernetes API's JSON shapes that the rollout collectors read (k8s.io/apimachinery
// pkg/apis/meta/v1 types.go; knative.dev/pkg apis/condition_types.go for conditions).

/** `metadata` of a namespaced object. */
export interface KubeObjectMeta {
  name?: string;
  namespace?: string;
  generation?: number;
  creationTimestamp?: string;
  annotations?: Record<string, string>;
}

/** One entry of `status.conditions`, as Kubernetes and Knative write it. */
export interface KubeCondition {
  type?: string;
  /** `True`, `False` or `Unknown`. */
  status?: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
  lastUpdateTime?: string;
}

/** A namespaced object of any kind. */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata?: KubeObjectMeta;
}

/** A List answer (`GET /apis/{group}/{version}/[namespaces/{ns}/]{plural}`). */
export interface KubeList<T extends KubeObject> {
  apiVersion?: string;
  kind?: string;
  metadata?: {
    /** Set while more items remain; send it back as `continue` with the same `limit`. */
    continue?: string;
    resourceVersion?: string;
    remainingItemCount?: number;
  };
  items?: T[];
}

/** The API server's error answer (`kind: Status`), e.g. for 403 and 404. */
export interface KubeStatus {
  kind?: 'Status';
  status?: string;
  message?: string;
  reason?: string;
  code?: number;
}
