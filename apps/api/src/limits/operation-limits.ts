import { createComplexityRule } from '@pothos/plugin-complexity';
import {
  GraphQLError,
  Kind,
  validate,
  type DocumentNode,
  type GraphQLSchema,
  type ValidationRule,
} from 'graphql';

/** Limits on the shape of an operation. */
export interface OperationLimits {
  maxDepth: number;
  maxAliases: number;
  maxComplexity: number;
  maxBreadth: number;
}

/** Rejects documents with more than `max` aliased fields (alias amplification). */
export function maxAliasesRule(max: number): ValidationRule {
  return function MaxAliases(context) {
    let count = 0;
    return {
      Field(node) {
        if (node.alias && node.alias.value !== node.name.value) {
          count += 1;
          if (count === max + 1) {
            context.reportError(
              new GraphQLError(`Operation has more than ${max} aliases`, {
                nodes: [node],
                extensions: { code: 'BAD_USER_INPUT', limit: 'aliases' },
              }),
            );
          }
        }
      },
    };
  };
}

/**
 * Checks depth, breadth, cost (Pothos complexity, which knows list sizes from `first`
 * arguments and variables) and alias counts. Runs before execution and subscription rather
 * than in validation, because the cost depends on variables and yoga caches validation.
 */
export function checkOperationLimits(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown>,
  operationName: string | null | undefined,
  context: object,
  limits: OperationLimits,
): readonly GraphQLError[] {
  const complexity = createComplexityRule({
    context,
    variableValues: variables,
    operationName: operationName ?? null,
    maxDepth: limits.maxDepth,
    maxBreadth: limits.maxBreadth,
    maxComplexity: limits.maxComplexity,
  });
  const errors = validate(schema, document, [complexity, maxAliasesRule(limits.maxAliases)]);
  return errors.map(
    (e) =>
      new GraphQLError(e.message, {
        nodes: e.nodes,
        source: e.source,
        positions: e.positions,
        extensions: { ...e.extensions, code: 'BAD_USER_INPUT', limit: e.extensions.limit ?? 'complexity' },
      }),
  );
}

function hasIntrospectionOnly(document: DocumentNode): boolean {
  return document.definitions.every(
    (d) =>
      d.kind !== Kind.OPERATION_DEFINITION ||
      d.selectionSet.selections.every((s) => s.kind === Kind.FIELD && s.name.value.startsWith('__')),
  );
}

function usesVariables(document: DocumentNode): boolean {
  return document.definitions.some(
    (d) => d.kind === Kind.OPERATION_DEFINITION && (d.variableDefinitions?.length ?? 0) > 0,
  );
}

/** What an operation-limit check reads from yoga's execution or subscription arguments. */
export interface OperationArgs {
  schema: GraphQLSchema;
  document: DocumentNode;
  variableValues?: unknown;
  operationName?: string | null;
  contextValue: unknown;
}

/**
 * Returns a function applying `checkOperationLimits` to one operation (query, mutation or
 * subscription) and returning its errors (none: allowed). Introspection-only documents pass.
 * Results for documents without variables are cached per parsed document (yoga reuses parsed
 * documents), so a repeated query costs one WeakMap lookup.
 */
export function createOperationLimitCheck(
  limits: OperationLimits,
): (args: OperationArgs) => readonly GraphQLError[] {
  const cache = new WeakMap<DocumentNode, Map<string, readonly GraphQLError[]>>();
  const none: readonly GraphQLError[] = [];
  return (args) => {
    const perDocument = cache.get(args.document);
    const key = args.operationName ?? '';
    const hit = perDocument?.get(key);
    if (hit) return hit;
    if (hasIntrospectionOnly(args.document)) return none;
    const errors = checkOperationLimits(
      args.schema,
      args.document,
      (args.variableValues as Record<string, unknown> | null | undefined) ?? {},
      args.operationName,
      args.contextValue as object,
      limits,
    );
    if (!usesVariables(args.document)) {
      const entry = perDocument ?? new Map<string, readonly GraphQLError[]>();
      entry.set(key, errors);
      if (!perDocument) cache.set(args.document, entry);
    }
    return errors;
  };
}
