/**
 * Typed domain errors. Every error that can reach a user carries a stable `code`; the API maps
 * codes to GraphQL error extensions, the CLI to exit codes. Nothing here leaks SQL or stacks.
 */
/** Stable code of a {@link RustyError}; the API sends it as the GraphQL error's `extensions.code`. */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'RATE_LIMITED'
  | 'UNAVAILABLE'
  | 'CANCELLED'
  | 'TIMEOUT'
  | 'INTERNAL';

/** Base class of every error RustyGPT raises on purpose. */
export class RustyError extends Error {
  readonly code: ErrorCode;
  readonly details: Readonly<Record<string, unknown>>;
  constructor(
    code: ErrorCode,
    message: string,
    details: Record<string, unknown> = {},
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
    this.details = details;
  }
}

/** Input rejected at a boundary; `path` names where (a JSON path such as `$.entities[3].key`). */
export class ValidationError extends RustyError {
  readonly path: string | undefined;
  constructor(message: string, path?: string, details: Record<string, unknown> = {}) {
    super('BAD_USER_INPUT', path ? `${path}: ${message}` : message, {
      ...details,
      ...(path ? { path } : {}),
    });
    this.path = path;
  }
}

/** A referenced thing does not exist (or is not visible to the caller). */
export class NotFoundError extends RustyError {
  constructor(what: string, id: string | number, details: Record<string, unknown> = {}) {
    super('NOT_FOUND', `${what} ${String(id)} not found`, { ...details, what, id });
  }
}

/** A write conflicts with existing state (unique key, concurrent edit, lock held). */
export class ConflictError extends RustyError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('CONFLICT', message, details);
  }
}

/** A dependency (database, model) is not reachable right now; the caller may retry. */
export class UnavailableError extends RustyError {
  constructor(message: string, details: Record<string, unknown> = {}, options?: ErrorOptions) {
    super('UNAVAILABLE', message, details, options);
  }
}

/** Work stopped because its AbortSignal fired. */
export class CancelledError extends RustyError {
  constructor(message = 'operation cancelled', details: Record<string, unknown> = {}) {
    super('CANCELLED', message, details);
  }
}

/** Work stopped because it ran out of time. */
export class TimeoutError extends RustyError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('TIMEOUT', message, details);
  }
}

/** True for errors raised on purpose (safe to show their message to a client). */
export function isRustyError(error: unknown): error is RustyError {
  return error instanceof RustyError;
}

/** Throws CancelledError when the signal has fired; call between units of work. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) {
    const reason: unknown = signal.reason;
    if (reason instanceof RustyError) throw reason;
    throw new CancelledError(reason instanceof Error ? reason.message : 'operation cancelled');
  }
}
