export interface Config {
  permission?: {
    /** The demo's permission policy (src/modules/permissionPolicy.ts). */
    policy?: {
      /**
       * Users and groups, as full entity refs (`group:default/platform-eng`), who may change
       * the catalog and do everything else the policy otherwise keeps to owners.
       */
      admins?: string[];
      /**
       * Groups (or users), as full entity refs, whose members may grant and revoke waivers of
       * MLOps maturity checks (`mlops-maturity.waiver.create`) on any entity.
       */
      waiverGranters?: string[];
    };
  };
}
