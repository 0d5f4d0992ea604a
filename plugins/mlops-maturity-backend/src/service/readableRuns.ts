import type { RunRecord } from '../store/MaturityStore';

/**
 * Runs as a caller may see them: the counts are the whole run's (the health of the assessment
 * job, naming no entity), and `failures` keeps only the entities the caller may read.
 * `visibleRefs` undefined means the caller may read every entity.
 *
 * @internal
 */
export function readableRuns(
  runs: readonly RunRecord[],
  visibleRefs: readonly string[] | undefined,
) {
  const visible = visibleRefs && new Set(visibleRefs);
  return runs.map(run => ({
    ...run,
    startedAt: run.startedAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString(),
    failures: visible
      ? run.failures.filter(f => visible.has(f.entityRef))
      : run.failures,
  }));
}
