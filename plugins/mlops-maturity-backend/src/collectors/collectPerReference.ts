import type {
  CollectedEvidence,
  EvidenceRequest,
  ToolReference,
} from '@mlops-maturity/plugin-mlops-maturity-node';

/**
 * Asks for the evidence of every reference of every entity at once and gathers it by entity,
 * the shape every collector answers in.
 *
 * @internal
 */
export async function collectPerReference(
  requests: readonly EvidenceRequest[],
  evidenceFor: (
    request: EvidenceRequest,
    ref: ToolReference,
  ) => Promise<CollectedEvidence[]>,
): Promise<Map<string, CollectedEvidence[]>> {
  const result = new Map<string, CollectedEvidence[]>();
  await Promise.all(
    requests.map(async request => {
      const evidence = await Promise.all(
        request.references.map(ref => evidenceFor(request, ref)),
      );
      result.set(request.entityRef, evidence.flat());
    }),
  );
  return result;
}

/**
 * Values computed once per assessment run and key, such as a tool instance's listing; a new
 * run id drops the previous run's values.
 *
 * @internal
 */
export class RunScopedCache<T> {
  #runId = '';
  #values = new Map<string, Promise<T>>();

  get(runId: string, key: string, load: () => Promise<T>): Promise<T> {
    if (runId !== this.#runId) {
      this.#runId = runId;
      this.#values = new Map();
    }
    let value = this.#values.get(key);
    if (!value) {
      value = load();
      this.#values.set(key, value);
    }
    return value;
  }
}
