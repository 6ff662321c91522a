import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { traceRootResolvers } from '../observability/resolver-spans';
import { builder } from './builder';
import './knowledge-types';
import './conversation-types';
import './stream-types';
import './queries';
import './mutations';
import './dedup-types';
import './subscriptions';

let schema: GraphQLSchema | null = null;

/** The executable schema (built once per process). */
export function getSchema(): GraphQLSchema {
  schema ??= traceRootResolvers(builder.toSchema({ sortSchema: true }));
  return schema;
}

/** SDL of the schema as committed in apps/api/schema.graphql. */
export function printApiSchema(): string {
  return `${printSchema(lexicographicSortSchema(getSchema()))}\n`;
}
