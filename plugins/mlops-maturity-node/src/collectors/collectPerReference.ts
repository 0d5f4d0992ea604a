import { redactSecrets } from './redactSecrets';
import type {
  CollectedEvidence,
  CollectOptions,
  EvidenceRequest,
  ToolReference,
} from './types';

/**
 * `unknown` for every check a source verifies: what a collector answers for a reference the
 * tool could not be asked about. The message goes through {@link redactSecrets}.
 *
 * @public
 */
export function unknownEvidence(
  checks: readonly string[],
  message: string,
): CollectedEvidence[] {
  const redacted = redactSecrets(message);
  return checks.map(checkId => ({
    checkId,
    status: 'unknown',
    message: redacted,
  }));
}

/**
 * The per-reference loop every collector shares: asks for the evidence of every reference of
 * every entity at once and gathers it by entity. A reference whose evidence throws (the tool
 * is down, times out, refuses the credentials) becomes `unknown` for each of `options.checks`
 * with the error's message, so one failure never hides the others. Every message, the
 * evidence's own too, goes through {@link redactSecrets}: tools' error texts can hold URLs.
 *
 * @public
 */
export async function collectPerReference(
  requests: readonly EvidenceRequest[],
  options: CollectOptions,
  evidenceFor: (
    request: EvidenceRequest,
    ref: ToolReference,
  ) => Promise<CollectedEvidence[]>,
): Promise<Map<string, CollectedEvidence[]>> {
  const result = new Map<string, CollectedEvidence[]>();
  await Promise.all(
    requests.map(async request => {
      const evidence = await Promise.all(
        request.references.map(ref =>
          evidenceFor(request, ref).catch(error =>
            unknownEvidence(
              options.checks,
              error instanceof Error ? error.message : String(error),
            ),
          ),
        ),
      );
      result.set(
        request.entityRef,
        evidence.flat().map(e => ({ ...e, message: redactSecrets(e.message) })),
      );
    }),
  );
  return result;
}
