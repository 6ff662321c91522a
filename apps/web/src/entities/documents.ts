import { graphql } from '@/gql';

/** Text search: exact name/alias matches first, then nearest by embedding. */
export const SearchEntitiesQuery = graphql(`
  query SearchEntities($text: String!, $first: Int!) {
    searchEntities(text: $text, first: $first) {
      score
      matchedBy
      entity {
        id
        key
        name
        type
        state
      }
    }
  }
`);

/** Everything the entity page shows. */
export const EntityQuery = graphql(`
  query Entity($id: ID!) {
    viewer {
      id
      isAdmin
    }
    entity(id: $id) {
      id
      key
      name
      type
      state
      version
      aliases
      createdAt
      updatedAt
      attributes {
        name
        values
      }
      usage {
        count
        lastAccessed
      }
      versions {
        version
        change
        createdAt
      }
      resources {
        confidence
        resource {
          id
          uri
          title
          contentType
        }
      }
      relationships(first: 100) {
        edges {
          node {
            id
            type
            path
            weight
            from {
              id
              name
            }
            to {
              id
              name
            }
          }
        }
      }
    }
  }
`);

/** Nearest entities by embedding (also the duplicate candidates of the review panel). */
export const SimilarEntitiesQuery = graphql(`
  query SimilarEntities($id: ID!, $first: Int!) {
    similarEntities(id: $id, first: $first) {
      score
      matchedBy
      entity {
        id
        key
        name
        type
        state
      }
    }
  }
`);

/** Admin edit of an entity, guarded by its version. */
export const UpdateEntityMutation = graphql(`
  mutation UpdateEntity($id: ID!, $patch: EntityPatch!, $expectedVersion: Int) {
    updateEntity(id: $id, patch: $patch, expectedVersion: $expectedVersion) {
      id
      name
      type
      state
      aliases
      version
    }
  }
`);

/** Admin merge of duplicates into the kept entity. */
export const MergeEntitiesMutation = graphql(`
  mutation MergeEntities($keep: ID!, $merge: [ID!]!) {
    mergeEntities(keep: $keep, merge: $merge) {
      id
      name
      aliases
      version
    }
  }
`);
