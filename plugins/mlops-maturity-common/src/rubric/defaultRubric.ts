import defaultChecks from './defaultChecks.json';
import type {
  RubricAnnotation,
  RubricCheck,
  RubricLevel,
  RubricVerifier,
} from './types';

/**
 * The framework's levels with the effort of each step up.
 *
 * @public
 */
export const DEFAULT_RUBRIC_LEVELS: readonly RubricLevel[] = [
  {
    level: 0,
    name: 'Manual',
    summary:
      'Notebooks, hand-copied model files and no record of which model version is in production.',
  },
  {
    level: 1,
    name: 'Scripted',
    summary:
      'Training and deployment are scripts, and the prediction endpoint logs its errors.',
    effort: 'about a week',
  },
  {
    level: 2,
    name: 'Automated',
    summary:
      'Training pipelines run on a schedule, models live in a registry, and CI/CD blocks a model that is worse.',
    effort: '2–4 weeks',
  },
  {
    level: 3,
    name: 'Monitored',
    summary:
      'Drift is measured, prediction quality sits beside business metrics, and new models roll out to a share of traffic.',
    effort: '4–8 weeks',
  },
  {
    level: 4,
    name: 'Optimized',
    summary:
      'Drift triggers retraining, better models are promoted automatically, and features come from a feature store.',
    effort: '2–3 months',
  },
];

const NAME = '^[^\\s,:]{1,256}$';
const NAME_HINT = 'a name without spaces, commas or colons';

/** An annotation naming an object in a tool; the id defaults to a plain name. */
interface ToolKey {
  key: string;
  idPattern?: string;
  idHint?: string;
  idParts?: number;
  syntax?: 'list' | 'whole';
  instanceAnnotation?: string;
}

/**
 * A tool that can verify a check, with what it proves and the annotations that name its
 * objects; none when it proves the check from another check's annotations.
 */
interface ToolEvidence {
  tool: string;
  proves: string;
  keys?: ReadonlyArray<string | ToolKey>;
}

/**
 * A check as `defaultChecks.json` writes it: with `annotations` and `verifiers`, or, when its
 * live evidence comes from tools, with `tools` (and any annotations that are not tools'), so
 * that each tool is named once: the tool that an annotation points into is the tool that
 * verifies the check.
 */
type CheckData = Omit<RubricCheck, 'annotations' | 'verifiers'> &
  (
    | Pick<RubricCheck, 'annotations' | 'verifiers'>
    | {
        annotations?: RubricAnnotation[];
        tools: ReadonlyArray<ToolEvidence>;
      }
  );

const fromTools = (
  tools: ReadonlyArray<ToolEvidence>,
): Pick<RubricCheck, 'annotations' | 'verifiers'> => ({
  annotations: tools.flatMap(({ tool, keys = [] }) =>
    keys.map((k): RubricAnnotation => {
      const {
        key,
        idPattern = NAME,
        idHint = NAME_HINT,
        ...rest
      } = typeof k === 'string' ? ({ key: k } as ToolKey) : k;
      return { key, kind: 'tool', tool, idPattern, idHint, ...rest };
    }),
  ),
  verifiers: tools.map(
    ({ tool, proves }): RubricVerifier => ({ source: tool, proves }),
  ),
});

/**
 * The twelve default checks, from the framework's "How to move up": what each means, the
 * annotations that declare it, the sources that can verify it and its freshness window. The
 * data is in `defaultChecks.json`.
 *
 * @public
 */
export const DEFAULT_RUBRIC_CHECKS: readonly RubricCheck[] = (
  defaultChecks as unknown as CheckData[]
).map(check => {
  if (!('tools' in check)) return check;
  const { tools, annotations = [], ...rest } = check;
  const fromData = fromTools(tools);
  return {
    ...rest,
    annotations: [...annotations, ...fromData.annotations],
    verifiers: fromData.verifiers,
  };
});
