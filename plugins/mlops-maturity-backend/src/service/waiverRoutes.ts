import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { WaiverRequest } from '@mlops-maturity/plugin-mlops-maturity-common';
import type { Request } from 'express';
import type { createOpenApiRouter } from '../schema/openapi';
import type { EntityWaivers } from './EntityWaivers';

type Router = Awaited<ReturnType<typeof createOpenApiRouter>>;

/**
 * The waiver routes of the plugin's HTTP API: granting and revoking, each answering the
 * waiver after the entity is re-assessed.
 *
 * @internal
 */
export function addWaiverRoutes(
  router: Router,
  options: {
    waivers: EntityWaivers;
    /** The entity a route's path names, as a normalized ref, and the caller. */
    entityOf(
      req: Request<any, any, any, any>,
    ): Promise<{ ref: string; credentials: BackstageCredentials }>;
  },
): void {
  const { waivers, entityOf } = options;

  router.post(
    '/v1/entities/:kind/:namespace/:name/waivers',
    async (req, res) => {
      const { ref, credentials } = await entityOf(req);
      const waiver = await waivers.grant(
        credentials,
        ref,
        req.body as WaiverRequest,
      );
      res.status(201).json(waiver);
    },
  );

  router.delete(
    '/v1/entities/:kind/:namespace/:name/waivers/:waiverId',
    async (req, res) => {
      const { ref, credentials } = await entityOf(req);
      res.json(await waivers.revoke(credentials, ref, req.params.waiverId));
    },
  );
}
