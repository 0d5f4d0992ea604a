import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import type { Assessment } from '@mlops-maturity/plugin-mlops-maturity-common';
import type { AssessmentEngine } from '../engine/AssessmentEngine';
import type { MaturityStore } from '../store/MaturityStore';
import type { MaturityAccess } from './MaturityAccess';

/**
 * One entity's assessment as a caller may read it and re-assess it: what the entity route,
 * the refresh route and the actions answer, with the access checks and errors they share.
 * `ref` is a normalized entity ref.
 *
 * @internal
 */
export class EntityAssessments {
  readonly #access: MaturityAccess;
  readonly #store: MaturityStore;
  readonly #engine: AssessmentEngine;

  constructor(options: {
    access: MaturityAccess;
    store: MaturityStore;
    engine: AssessmentEngine;
  }) {
    this.#access = options.access;
    this.#store = options.store;
    this.#engine = options.engine;
  }

  /** The stored assessment; `NotFoundError` if the caller may not read it or it has none. */
  async read(
    credentials: BackstageCredentials,
    ref: string,
  ): Promise<Assessment> {
    await this.#access.authorizeEntity(credentials, ref);
    return assessed(ref, await this.#store.getAssessment(ref));
  }

  /** {@link EntityAssessments.read} as the stored JSON text, which the HTTP route sends unparsed. */
  async readJson(
    credentials: BackstageCredentials,
    ref: string,
  ): Promise<string> {
    await this.#access.authorizeEntity(credentials, ref);
    return assessed(ref, await this.#store.getAssessmentJson(ref));
  }

  /**
   * Asks the tools again about one entity and stores its new assessment; needs the refresh
   * permission of the entity besides reading it.
   */
  async refresh(
    credentials: BackstageCredentials,
    ref: string,
  ): Promise<Assessment> {
    await this.#access.authorizeEntity(credentials, ref);
    await this.#access.authorizeRefresh(credentials, ref);
    if (!(await this.#engine.assessOne(ref))) {
      throw new NotFoundError(`${ref} is not selected as an ML service`);
    }
    return assessed(ref, await this.#store.getAssessment(ref));
  }

  /**
   * Re-assesses one entity after a change of what its assessment reads (a waiver), for a
   * caller already authorized for that change; undefined when it is no longer selected.
   */
  async reassess(ref: string): Promise<Assessment | undefined> {
    return this.#engine.assessAfterChange(ref);
  }
}

function assessed<T>(ref: string, value: T | undefined): T {
  if (value === undefined) {
    throw new NotFoundError(
      `${ref} has not been assessed: it is not selected as an ML service, or its first assessment has not run yet`,
    );
  }
  return value;
}
