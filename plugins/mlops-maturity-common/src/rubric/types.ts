import type { MaturityLevel } from '../levels';

/**
 * How an annotation declares a check, and what it names.
 *
 * - `tool`: `[instance:]id[,…]`, objects in a configured tool instance of kind `tool` (or
 *   as `syntax` says);
 * - `repository`: a path looked up at the entity's source location;
 * - `link`: a URL or selector shown to people, never fetched;
 * - `value`: a fixed value declares the check (`promotion: automatic`), optionally only
 *   together with another declared check (`retrain-cadence: on-drift` with a training pipeline).
 *
 * @public
 */
export type RubricAnnotation =
  | {
      key: string;
      kind: 'tool';
      /** The tool kind, also the id of the collector that reads it, e.g. `mlflow`. */
      tool: string;
      /** A regular expression (source text) every id must match. */
      idPattern: string;
      /** What an id looks like, for messages. */
      idHint: string;
      /** How many `:`-separated parts the id itself has (Dagster's `location:repo:job` has 3). */
      idParts?: number;
      /**
       * How the value names objects when it is not `[instance:]id[,…]`, for annotations that
       * another Backstage plugin already defines: `list` is comma-separated ids that may hold
       * colons (PromQL), `whole` is one id that may hold commas (a Grafana selector). The
       * instance is then the one `instanceAnnotation` names, else the first configured.
       */
      syntax?: 'list' | 'whole';
      /** The annotation naming the instance, with `syntax`, e.g. `prometheus.io/service-name`. */
      instanceAnnotation?: string;
    }
  | {
      key: string;
      kind: 'repository';
      /**
       * The path may name a GitHub Actions workflow whose runs prove the check beyond the file's
       * existence; the `github` source is then asked too.
       */
      workflowRunsProve?: boolean;
    }
  | { key: string; kind: 'link' }
  | {
      key: string;
      kind: 'value';
      /** The value that declares the check (compared case-insensitively). */
      declares: string;
      /** A value that says the check is not done; any other value is then invalid. */
      denies?: string;
      /** A check that must also be declared by a tool annotation, whose tool then verifies this one. */
      requires?: string;
    };

/**
 * A source of evidence that can verify a check: a collector id such as `mlflow`, or
 * `repository` for files at the entity's source location.
 *
 * @public
 */
export interface RubricVerifier {
  source: string;
  /** What this source proves for the check, in one line. */
  proves: string;
  /** Sources whose evidence for this check this source's answer replaces (a file's existence). */
  supersedes?: string[];
}

/**
 * One check of the rubric: something a service must have to count at a level.
 *
 * @public
 */
export interface RubricCheck {
  /** Stable id, e.g. `training-pipeline`. */
  id: string;
  /** The level this check belongs to, 1–4. */
  level: Exclude<MaturityLevel, 0>;
  title: string;
  /** Why it matters, in the framework's words. */
  why: string;
  /** What to do to pass it. */
  guidance: string;
  /** A level counts only when all of its required checks count. */
  required: boolean;
  /** How old live evidence may be before it no longer proves the check, in days. */
  freshnessDays?: number;
  /**
   * When set and the entity declares a periodic `retrain-cadence`, the window is this many
   * cadences instead of `freshnessDays`.
   */
  freshnessCadences?: number;
  /** The annotations that declare it. */
  annotations: RubricAnnotation[];
  /** The sources that can verify it, in the order ties between them are broken. */
  verifiers: RubricVerifier[];
}

/**
 * What the framework says about each level and the step up to it.
 *
 * @public
 */
export interface RubricLevel {
  level: MaturityLevel;
  name: string;
  summary: string;
  /** The framework's estimate of the work to reach this level from the one below. */
  effort?: string;
}

/**
 * The maturity rubric: levels and checks, and a version that changes with its content.
 *
 * @public
 */
export interface Rubric {
  version: string;
  levels: RubricLevel[];
  checks: RubricCheck[];
}
