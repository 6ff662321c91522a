import { graphql } from '@/gql';

/** The reasoning DAG the server runs. */
export const WorkflowQuery = graphql(`
  query Workflow {
    workflow {
      name
      version
      nodes {
        name
        inputs
        outputs
        priority
      }
      edges {
        from
        to
        key
      }
    }
  }
`);

/** A reasoning run's trace, with the workflow to order its steps. */
export const ReasoningRunQuery = graphql(`
  query ReasoningRun($id: ID!) {
    workflow {
      nodes {
        name
      }
      edges {
        from
        to
        key
      }
    }
    reasoningRun(id: $id) {
      id
      question
      answer
      status
      durationMs
      startedAt
      workflowVersion
      steps {
        id
        node
        order
        pass
        parentId
        status
        decision
        reason
        durationMs
        startedAt
        entityIds
        entities {
          id
          name
          type
        }
      }
    }
  }
`);

/** One ring of an entity's neighbourhood. */
export const TraverseQuery = graphql(`
  query Traverse($from: [ID!]!, $depth: Int!, $first: Int!) {
    traverse(from: $from, depth: $depth, first: $first) {
      depth
      pathWeight
      entity {
        id
        name
        type
      }
      via {
        id
        type
        weight
        from {
          id
        }
        to {
          id
        }
      }
    }
  }
`);

/** The entity the neighbourhood view starts from. */
export const EntityHeaderQuery = graphql(`
  query EntityHeader($id: ID!) {
    entity(id: $id) {
      id
      name
      type
    }
  }
`);
