import { context as context_, SpanStatusCode, trace } from '@opentelemetry/api';
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
      field[key] = (source, args, context, info) => {
        const span = tracer.startSpan(name);
        const fail = (error: unknown) => {
          span.setStatus({
            code: SpanStatusCode.ERROR,
            message: error instanceof Error ? error.message : 'error',
          });
          span.end();
          throw error;
        };
        let result: unknown;
        try {
          result = context_.with(trace.setSpan(context_.active(), span), () =>
            original(source, args, context, info),
          );
        } catch (error) {
          return fail(error);
        }
        // Synchronous resolvers stay synchronous (an async wrapper would slow every query down).
        if (result instanceof Promise) {
          return result.then((value) => {
            span.end();
            return value;
          }, fail);
        }
        span.end();
        return result;
      };
    }
  }
  return schema;
}
