/** The parts of urql's CombinedError that say what went wrong. */
export interface ApiFailure {
  graphQLErrors: readonly { extensions?: Record<string, unknown> }[];
  networkError?: Error | undefined;
}

/** The stable code to show for a failed operation: the API's `extensions.code`, else NETWORK_ERROR or INTERNAL. */
export function errorCode(error: ApiFailure): string {
  const code = error.graphQLErrors[0]?.extensions?.code;
  if (typeof code === 'string' && code !== '') return code;
  return error.networkError ? 'NETWORK_ERROR' : 'INTERNAL';
}
