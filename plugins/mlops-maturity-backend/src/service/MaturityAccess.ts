import type {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  AuthorizeResult,
  type ResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  mlopsMaturityAssessmentReadPermission,
  mlopsMaturityAssessmentRefreshPermission,
  mlopsMaturityWaiverCreatePermission,
} from '@mlops-maturity/plugin-mlops-maturity-common';
import type { AssessmentFilter } from '../store/MaturityStore';
import type { EntityVisibility } from './EntityVisibility';

/**
 * What a caller may read and do, checked the same way for the HTTP routes and for the actions:
 * the read permission, the entities the catalog lets the caller read, and the refresh
 * permission of one entity. An entity the caller may not read is answered as missing.
 *
 * @internal
 */
export class MaturityAccess {
  readonly #permissions: PermissionsService;
  readonly #visibility: EntityVisibility;

  constructor(options: {
    permissions: PermissionsService;
    visibility: EntityVisibility;
  }) {
    this.#permissions = options.permissions;
    this.#visibility = options.visibility;
  }

  /** Throws `NotAllowedError` unless the caller may read assessments. */
  async authorizeRead(credentials: BackstageCredentials): Promise<void> {
    const [decision] = await this.#permissions.authorize(
      [{ permission: mlopsMaturityAssessmentReadPermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError('You may not read MLOps maturity assessments');
    }
  }

  /** The read permission and the refs the caller may see (undefined: all), asked in parallel. */
  async readableRefs(
    credentials: BackstageCredentials,
  ): Promise<string[] | undefined> {
    const [, visibleRefs] = await Promise.all([
      this.authorizeRead(credentials),
      this.#visibility.visibleRefs(credentials),
    ]);
    return visibleRefs;
  }

  /** A filter narrowed to the entities the caller may read. */
  async readableFilter(
    credentials: BackstageCredentials,
    filter: AssessmentFilter,
  ): Promise<AssessmentFilter> {
    return { ...filter, visibleRefs: await this.readableRefs(credentials) };
  }

  /**
   * Throws unless the caller may read assessments and the catalog lets them read `ref` (a
   * normalized entity ref); an entity they may not read is `NotFoundError`, as if it did not
   * exist.
   */
  async authorizeEntity(
    credentials: BackstageCredentials,
    ref: string,
  ): Promise<void> {
    const [, canRead] = await Promise.all([
      this.authorizeRead(credentials),
      this.#visibility.canRead(ref, credentials),
    ]);
    if (!canRead) {
      throw new NotFoundError(`No entity ${ref}`);
    }
  }

  /** Throws `NotAllowedError` unless the caller may re-assess `ref`. */
  async authorizeRefresh(
    credentials: BackstageCredentials,
    ref: string,
  ): Promise<void> {
    if (
      !(await this.#allowed(
        credentials,
        mlopsMaturityAssessmentRefreshPermission,
        ref,
      ))
    ) {
      throw new NotAllowedError(`You may not refresh the assessment of ${ref}`);
    }
  }

  /** Throws `NotAllowedError` unless the caller may grant and revoke waivers of `ref`. */
  async authorizeWaiver(
    credentials: BackstageCredentials,
    ref: string,
  ): Promise<void> {
    if (
      !(await this.#allowed(
        credentials,
        mlopsMaturityWaiverCreatePermission,
        ref,
      ))
    ) {
      throw new NotAllowedError(`You may not waive checks of ${ref}`);
    }
  }

  /** Whether the policy allows a catalog-entity resource permission on `ref`. */
  async #allowed(
    credentials: BackstageCredentials,
    permission: ResourcePermission<'catalog-entity'>,
    ref: string,
  ): Promise<boolean> {
    const [decision] = await this.#permissions.authorize(
      [{ permission, resourceRef: ref }],
      { credentials },
    );
    return decision.result === AuthorizeResult.ALLOW;
  }
}
