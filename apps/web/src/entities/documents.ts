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

/** Nearest entities by embedding. */
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

/** Whether the viewer may use the admin tools (the explorer links admins to the review queue). */
export const ViewerRoleQuery = graphql(`
  query ViewerRole {
    viewer {
      id
      isAdmin
    }
  }
`);

/** One page of the duplicate review queue (admin): pending pairs, best score first. */
export const DedupCandidatesQuery = graphql(`
  query DedupCandidates($first: Int!, $after: String) {
    dedupCandidates(first: $first, after: $after) {
      edges {
        node {
          id
          score
          reason
          entity1 {
            id
            key
            name
            type
          }
          entity2 {
            id
            key
            name
            type
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

/** A reviewer's decision on a queued pair; a merge returns the id that rollbackMerge takes. */
export const DecideDedupCandidateMutation = graphql(`
  mutation DecideDedupCandidate($id: ID!, $decision: DedupDecision!) {
    decideDedupCandidate(id: $id, decision: $decision) {
      state
      mergeId
      kept {
        id
        key
        name
        type
      }
    }
  }
`);

/** Undoes a merge made from the review queue. */
export const RollbackMergeMutation = graphql(`
  mutation RollbackMerge($mergeId: Int!) {
    rollbackMerge(mergeId: $mergeId) {
      mergeId
      kept {
        id
        name
      }
      restored {
        id
        name
      }
    }
  }
`);
