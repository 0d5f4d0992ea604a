import type {
  EvidenceCollector,
  MlopsMaturityEvidenceExtensionPoint,
} from '@mlops-maturity/plugin-mlops-maturity-node';

/**
 * Holds the evidence collectors that modules add through the extension point.
 *
 * @internal
 */
export class CollectorRegistry implements MlopsMaturityEvidenceExtensionPoint {
  readonly #collectors = new Map<string, EvidenceCollector>();

  addCollector(...collectors: EvidenceCollector[]): void {
    for (const collector of collectors) {
      if (this.#collectors.has(collector.id)) {
        throw new Error(
          `An evidence collector with id '${collector.id}' is already registered`,
        );
      }
      this.#collectors.set(collector.id, collector);
    }
  }

  list(): EvidenceCollector[] {
    return [...this.#collectors.values()];
  }
}
