import { SpanStatusCode, trace } from '@opentelemetry/api';
import { defaultFieldResolver, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';

/**
 * Wraps the resolvers of root fields (Query, Mutation, and Subscription's subscribe) in
 * OpenTelemetry spans named `graphql.resolve <Type>.<field>`: the unit of work a client asked
 * for, under the operation's span; nested fields go through DataLoaders and show up as `db.*`
 * spans. Mutates the schema once, at build time.
 */
export function traceRootResolvers(schema: GraphQLSchema): GraphQLSchema {
  const tracer = trace.getTracer('@rustygpt/api');
  for (const type of [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]) {
    if (!type) continue;
    for (const field of Object.values(type.getFields())) {
      const name = `graphql.resolve ${type.name}.${field.name}`;
      const key = type === schema.getSubscriptionType() ? 'subscribe' : 'resolve';
      const original: GraphQLFieldResolver<unknown, unknown> = field[key] ?? defaultFieldResolver;
      field[key] = (source, args, context, info) =>
        tracer.startActiveSpan(name, async (span) => {
          try {
            return await original(source, args, context, info);
          } catch (error) {
            span.setStatus({
              code: SpanStatusCode.ERROR,
              message: error instanceof Error ? error.message : 'error',
            });
            throw error;
          } finally {
            span.end();
          }
        });
    }
  }
  return schema;
}
