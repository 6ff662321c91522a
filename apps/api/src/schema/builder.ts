import SchemaBuilder from '@pothos/core';
import ComplexityPlugin from '@pothos/plugin-complexity';
import DataloaderPlugin from '@pothos/plugin-dataloader';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import { GraphQLError, Kind, type ValueNode } from 'graphql';
import type { ApiContext } from '../context';

/** The one Pothos builder of the API schema (Pothos without the Prisma plugin: data comes through DataLoaders over the store). */
export const builder = new SchemaBuilder<{
  Context: ApiContext;
  Scalars: {
    DateTime: { Input: Date; Output: Date };
    JSON: { Input: unknown; Output: unknown };
  };
  AuthScopes: { authenticated: boolean; admin: boolean };
  DefaultFieldNullability: false;
  DefaultEdgesNullability: false;
  DefaultNodeNullability: false;
}>({
  defaultFieldNullability: false,
  plugins: [ScopeAuthPlugin, RelayPlugin, DataloaderPlugin, ComplexityPlugin],
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    edgesFieldOptions: { nullable: false },
    nodeFieldOptions: { nullable: false },
    nodeQueryOptions: { nullable: true },
  },
  scopeAuth: {
    authorizeOnSubscribe: true,
    authScopes: (ctx) => ({ authenticated: ctx.viewer !== null, admin: ctx.viewer?.isAdmin ?? false }),
    unauthorizedError: (_parent, ctx) =>
      ctx.viewer
        ? new GraphQLError('This operation needs the admin role.', { extensions: { code: 'FORBIDDEN' } })
        : new GraphQLError('Sign in first: send Authorization: Bearer <token>.', {
            extensions: { code: 'UNAUTHENTICATED' },
          }),
  },
  complexity: { defaultComplexity: 1, defaultListMultiplier: 1 },
});

builder.scalarType('DateTime', {
  description: 'ISO-8601 timestamp',
  serialize: (value) =>
    value instanceof Date ? value.toISOString() : new Date(value as string).toISOString(),
  parseValue: (value) => {
    const date = new Date(value as string);
    if (typeof value !== 'string' || Number.isNaN(date.getTime())) {
      throw new GraphQLError('DateTime must be an ISO-8601 string', {
        extensions: { code: 'BAD_USER_INPUT' },
      });
    }
    return date;
  },
});

function literal(node: ValueNode, variables: Record<string, unknown> | null | undefined): unknown {
  switch (node.kind) {
    case Kind.STRING:
    case Kind.BOOLEAN:
      return node.value;
    case Kind.INT:
    case Kind.FLOAT:
      return Number(node.value);
    case Kind.NULL:
      return null;
    case Kind.LIST:
      return node.values.map((v) => literal(v, variables));
    case Kind.OBJECT:
      return Object.fromEntries(node.fields.map((f) => [f.name.value, literal(f.value, variables)]));
    case Kind.VARIABLE:
      return variables?.[node.name.value];
    case Kind.ENUM:
      return node.value;
  }
}

builder.scalarType('JSON', {
  description: 'Arbitrary JSON value',
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: (node, variables) => literal(node, variables),
});

builder.queryType({});
builder.mutationType({});
builder.subscriptionType({});
