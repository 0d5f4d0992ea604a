// The GraphQL documents the W&B collector sends, narrowed from the queries the wandb Python SDK
// sends (tools/graphql_codegen/artifacts/*.graphql in wandb/wandb) to the fields it reads.

/**
 * The organization's registries (projects named `wandb-registry-<name>` of the org entity) and
 * the org entity's name, which registry paths start with; from the SDK's `FetchRegistries`.
 */
export const REGISTRIES_QUERY = `
query RegistriesOfOrganization($organization: String!, $cursor: String, $perPage: Int) {
  organization(name: $organization) {
    orgEntity {
      name
      projects(after: $cursor, first: $perPage) {
        pageInfo { endCursor hasNextPage }
        edges { node { id name } }
      }
    }
  }
}`;

/**
 * One registry collection with the version its production alias points at and the newest
 * linked version (`latest`), each with its artifact's metadata and the run that logged it; the
 * path is the SDK's `ArtifactMembershipFiles` (`project.artifactCollection.artifactMembership`),
 * the fields its `ArtifactMembershipFragment`, `ArtifactFragment` and `ArtifactCreatedBy`.
 */
export const COLLECTION_QUERY = `
query RegistryCollectionVersions($entity: String!, $project: String!, $collection: String!, $alias: String!) {
  project(name: $project, entityName: $entity) {
    artifactCollection(name: $collection) {
      __typename
      id
      name
      production: artifactMembership(aliasName: $alias) { ...RegistryVersion }
      latest: artifactMembership(aliasName: "latest") { ...RegistryVersion }
    }
  }
}

fragment RegistryVersion on ArtifactCollectionMembership {
  versionIndex
  aliases { alias }
  artifact {
    id
    state
    metadata
    createdAt
    updatedAt
    createdBy {
      __typename
      ... on Run { name displayName jobType summaryMetrics project { name entity { name } } }
      ... on User { username }
    }
  }
}`;

/**
 * Who moved an alias of a collection, newest first as far as W&B keeps them:
 * `ArtifactCollection.aliasActionHistory` with the acting `User` and its `accountType`.
 */
export const ALIAS_HISTORY_QUERY = `
query RegistryAliasHistory($id: ID!, $alias: String!, $first: Int) {
  artifactCollection(id: $id) {
    aliasActionHistory(alias: $alias, first: $first) {
      pageInfo { hasNextPage }
      edges {
        node {
          actionType
          alias
          createdAt
          targetArtifact { id versionIndex }
          user { username accountType }
        }
      }
    }
  }
}`;
