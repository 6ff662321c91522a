import { Kind, type DocumentNode } from 'graphql';

/**
 * `query Name` / `mutation Name` / `subscription Name` for a codegen document, or `unregistered`
 * when `graphql()` did not find the source among the generated documents (codegen not re-run
 * after a document changed: the client would send an empty document).
 */
export function operationOf(document: unknown): string {
  const definitions = (document as Partial<DocumentNode>).definitions ?? [];
  const operations = definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  if (operations.length !== 1) return 'unregistered';
  const [operation] = operations;
  return `${operation!.operation} ${operation!.name?.value ?? '(anonymous)'}`;
}

/** The operation of every document a module exports, by export name. */
export function operationsOf(module: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(module).map(([name, document]) => [name, operationOf(document)]));
}
