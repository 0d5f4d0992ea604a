import type {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { NotFoundError, stringifyError } from '@backstage/errors';
import type {
  Rubric,
  Waiver,
  WaiverRequest,
} from '@mlops-maturity/plugin-mlops-maturity-common';
import type { MaturityStore } from '../store/MaturityStore';
import type { EntityAssessments } from './EntityAssessments';
import type { MaturityAccess } from './MaturityAccess';
import { checkedWaiverRequest } from './waiverRequest';

/** Who acts, as the waiver records it: a user's entity ref, or the calling service. */
function actorOf(credentials: BackstageCredentials): string {
  const principal = credentials.principal as {
    type: string;
    userEntityRef?: string;
    subject?: string;
  };
  return principal.userEntityRef ?? `${principal.type}:${principal.subject}`;
}

/**
 * Grants and revokes the waivers of one entity's checks, for callers who may read the entity
 * and hold `mlops-maturity.waiver.create` on it; after either, the entity is re-assessed so
 * that its next read shows the new level. `ref` is a normalized entity ref.
 *
 * @internal
 */
export class EntityWaivers {
  readonly #access: MaturityAccess;
  readonly #store: MaturityStore;
  readonly #assessments: EntityAssessments;
  readonly #rubric: Rubric;
  readonly #logger: LoggerService;
  readonly #now: () => Date;

  constructor(options: {
    access: MaturityAccess;
    store: MaturityStore;
    assessments: EntityAssessments;
    rubric: Rubric;
    logger: LoggerService;
    now?: () => Date;
  }) {
    this.#access = options.access;
    this.#store = options.store;
    this.#assessments = options.assessments;
    this.#rubric = options.rubric;
    this.#logger = options.logger;
    this.#now = options.now ?? (() => new Date());
  }

  /** Records a waiver of one check of an assessed entity, then re-assesses the entity. */
  async grant(
    credentials: BackstageCredentials,
    ref: string,
    request: WaiverRequest,
  ): Promise<Waiver> {
    await this.#authorize(credentials, ref);
    const checked = checkedWaiverRequest(request, this.#rubric, this.#now());
    if ((await this.#store.getAssessmentJson(ref)) === undefined) {
      throw new NotFoundError(`${ref} is not assessed as an ML service`);
    }
    const waiver = await this.#store.createWaiver({
      entityRef: ref,
      ...checked,
      author: actorOf(credentials),
    });
    await this.#reassess(ref);
    return waiver;
  }

  /** Revokes the entity's active waiver `id`, then re-assesses the entity. */
  async revoke(
    credentials: BackstageCredentials,
    ref: string,
    id: string,
  ): Promise<Waiver> {
    await this.#authorize(credentials, ref);
    const waiver = await this.#store.revokeWaiver(
      { entityRef: ref, id },
      actorOf(credentials),
    );
    await this.#reassess(ref);
    return waiver;
  }

  /** As the entity routes: 404 for an entity the caller may not read, then 403. */
  async #authorize(credentials: BackstageCredentials, ref: string) {
    await this.#access.authorizeEntity(credentials, ref);
    await this.#access.authorizeWaiver(credentials, ref);
  }

  /**
   * The waiver is recorded whatever the re-assessment does: when a tool or the catalog fails
   * it now, the next scheduled run applies the waiver.
   */
  async #reassess(ref: string) {
    try {
      await this.#assessments.reassess(ref);
    } catch (error) {
      this.#logger.warn(
        `Could not re-assess ${ref} after a waiver change; the next run will: ${stringifyError(
          error,
        )}`,
      );
    }
  }
}
