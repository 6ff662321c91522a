import { isRustyError, type ErrorCode, type RustyError } from '@rustygpt/core';
import { GraphQLError } from 'graphql';

/** The error codes a client can see in `extensions.code`. */
export type ApiErrorCode =
  | 'BAD_USER_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'RATE_LIMITED'
  | 'UNAVAILABLE'
  | 'INTERNAL';

/** Maps a core error code to the code a client sees (conflicts are bad input, outages say so, so clients retry). */
export function apiCodeFor(code: ErrorCode): ApiErrorCode {
  switch (code) {
    case 'BAD_USER_INPUT':
    case 'CONFLICT':
      return 'BAD_USER_INPUT';
    case 'NOT_FOUND':
    case 'UNAUTHENTICATED':
    case 'FORBIDDEN':
    case 'RATE_LIMITED':
      return code;
    case 'UNAVAILABLE':
      return 'UNAVAILABLE';
    case 'CANCELLED':
    case 'TIMEOUT':
    case 'INTERNAL':
      return 'INTERNAL';
  }
}

/** HTTP status that goes with a code when the whole request fails (auth, rate limit). */
export function httpStatusFor(code: ApiErrorCode): number {
  switch (code) {
    case 'UNAUTHENTICATED':
      return 401;
    case 'FORBIDDEN':
      return 403;
    case 'RATE_LIMITED':
      return 429;
    case 'BAD_USER_INPUT':
      return 400;
    case 'NOT_FOUND':
      return 404;
    case 'UNAVAILABLE':
      return 503;
    case 'INTERNAL':
      return 500;
  }
}

/** Client-safe details from a domain error (paths, ids, retry hints; never SQL or stacks). */
function safeDetails(error: RustyError): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of ['path', 'retryInMs', 'what', 'id', 'limit', 'issues'] as const) {
    if (key in error.details) out[key] = error.details[key];
  }
  if (error.code === 'UNAVAILABLE' || error.code === 'TIMEOUT' || error.code === 'CANCELLED') {
    out.reason = error.code;
  }
  return out;
}

/** Turns a domain error into a GraphQL error with a stable code; the message is safe to show. */
export function toGraphQLError(error: RustyError): GraphQLError {
  const code = apiCodeFor(error.code);
  const message = code === 'INTERNAL' && error.code === 'INTERNAL' ? 'Unexpected error.' : error.message;
  return new GraphQLError(message, {
    extensions: { code, ...safeDetails(error), http: { status: httpStatusFor(code) } },
  });
}

/**
 * Yoga `maskedErrors.maskError`: keeps GraphQL errors the server raised on purpose (validation,
 * codes set by resolvers), maps domain errors to their codes and masks everything else.
 */
export function maskError(error: unknown, message: string, isDev = false): GraphQLError {
  const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
  if (isRustyError(original)) {
    const mapped = toGraphQLError(original);
    if (error instanceof GraphQLError) {
      return new GraphQLError(mapped.message, {
        nodes: error.nodes,
        source: error.source,
        positions: error.positions,
        path: error.path,
        extensions: { ...mapped.extensions },
      });
    }
    return mapped;
  }
  if (original instanceof GraphQLError) {
    const code = original.extensions.code;
    if (typeof code === 'string') return error instanceof GraphQLError ? error : original;
    // GraphQL validation/parse errors carry no original error: they are the client's.
    if (error instanceof GraphQLError && !error.originalError) {
      return new GraphQLError(error.message, {
        nodes: error.nodes,
        source: error.source,
        positions: error.positions,
        path: error.path,
        extensions: { ...error.extensions, code: 'BAD_USER_INPUT' },
      });
    }
    return error instanceof GraphQLError ? error : original;
  }
  const path = error instanceof GraphQLError ? error.path : undefined;
  return new GraphQLError(message, {
    path,
    extensions: {
      code: 'INTERNAL',
      ...(isDev && original instanceof Error ? { originalMessage: original.message } : {}),
    },
  });
}
