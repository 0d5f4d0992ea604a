/**
 * The parts of W&B's GraphQL answers the collector reads, in the shapes of W&B's schema
 * (`ArtifactCollection`, `ArtifactCollectionMembership`, `Artifact`, `Run`, `User`,
 * `ArtifactAliasAction`). JSONString fields arrive as JSON text.
 */

/** A GraphQL answer: data, or errors with HTTP 200. */
export interface GraphqlAnswer<T> {
  data?: T | null;
  errors?: Array<{ message?: string }>;
}

export interface WandbRegistriesPage {
  organization?: {
    orgEntity?: {
      name: string;
      projects?: {
        pageInfo?: { endCursor?: string | null; hasNextPage?: boolean };
        edges?: Array<{ node?: { id?: string; name: string } | null }>;
      } | null;
    } | null;
  } | null;
}

/** Who made an artifact: the run that logged it, or a user. */
export type WandbInitiator =
  | {
      __typename: 'Run';
      name?: string;
      displayName?: string | null;
      jobType?: string | null;
      /** JSON text of the run's summary. */
      summaryMetrics?: string | null;
      project?: { name?: string; entity?: { name?: string } } | null;
    }
  | { __typename: 'User'; username?: string | null };

export interface WandbArtifact {
  id: string;
  /** COMMITTED, PENDING or DELETED. */
  state?: string;
  /** JSON text of the artifact's metadata. */
  metadata?: string | null;
  createdAt?: string;
  updatedAt?: string | null;
  createdBy?: WandbInitiator | null;
}

/** A version linked into a registry collection. */
export interface WandbMembership {
  versionIndex?: number | null;
  aliases?: Array<{ alias: string }>;
  artifact?: WandbArtifact | null;
}

export interface WandbCollectionAnswer {
  project?: {
    artifactCollection?: {
      __typename?: string;
      id: string;
      name: string;
      production?: WandbMembership | null;
      latest?: WandbMembership | null;
    } | null;
  } | null;
}

/** One move of an alias, from the collection's alias history. */
export interface WandbAliasAction {
  actionType?: string;
  alias?: string;
  createdAt?: string;
  targetArtifact?: { id?: string; versionIndex?: number | null } | null;
  /** The account that moved it; `accountType` is USER, SERVICE, VIEWER or ANONYMOUS. */
  user?: { username?: string | null; accountType?: string | null } | null;
}

export interface WandbAliasHistoryAnswer {
  artifactCollection?: {
    aliasActionHistory?: {
      pageInfo?: { hasNextPage?: boolean };
      edges?: Array<{ node?: WandbAliasAction | null }>;
    } | null;
  } | null;
}
