import {
  ConflictError,
  NotFoundError,
  RustyError,
  UnavailableError,
  ValidationError,
  isRustyError,
} from '@rustygpt/core';

/** The fields both drivers (pg, PGlite) put on a server error. */
interface DriverError {
  code?: unknown;
  message?: unknown;
  constraint?: unknown;
  detail?: unknown;
  table?: unknown;
  column?: unknown;
}

const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EHOSTUNREACH',
]);

function asDriverError(error: unknown): DriverError {
  return typeof error === 'object' && error !== null ? (error as DriverError) : {};
}

/**
 * Maps a driver error to a typed domain error so callers (API, CLI) can react by `code`, and
 * so no SQL text or server detail leaks into a message a client might see. The original error is
 * kept as `cause` for logs.
 */
export function mapDatabaseError(error: unknown): RustyError {
  if (isRustyError(error)) return error;
  const e = asDriverError(error);
  const code = typeof e.code === 'string' ? e.code : '';
  const message = typeof e.message === 'string' ? e.message : String(error);
  const constraint = typeof e.constraint === 'string' ? e.constraint : undefined;
  const details: Record<string, unknown> = { sqlState: code || undefined, constraint };
  let mapped: RustyError;
  if (CONNECTION_CODES.has(code) || code.startsWith('08') || code === '57P01' || code === '57P03') {
    mapped = new UnavailableError('database is not reachable', details);
  } else if (
    /Connection terminated|connection.*(closed|ended)|Client has encountered a connection error|closed database/i.test(
      message,
    ) &&
    code === ''
  ) {
    mapped = new UnavailableError('database connection was lost', details);
  } else if (/ltree/i.test(message)) {
    mapped = new ValidationError(
      'invalid ltree path: use dot-separated labels of letters, digits and underscore',
      undefined,
      details,
    );
  } else if (/dimensions/i.test(message) && (code === '22000' || code === '22023' || code === '')) {
    mapped = new ValidationError(
      'vector has the wrong number of dimensions for this model',
      undefined,
      details,
    );
  } else {
    switch (code) {
      case '23505':
        mapped = new ConflictError(
          `a row with the same unique key already exists${constraint ? ` (${constraint})` : ''}`,
          details,
        );
        break;
      case '23503':
        mapped = new ValidationError('a referenced row does not exist', undefined, details);
        break;
      case '23502':
        mapped = new ValidationError('a required value is missing', undefined, details);
        break;
      case '23514':
        mapped = new ValidationError(
          `a value is out of the allowed range${constraint ? ` (${constraint})` : ''}`,
          undefined,
          details,
        );
        break;
      case '22P02':
      case '22003':
      case '22023':
      case '22000':
      case '22007':
      case '22008':
      case '2201E':
        mapped = new ValidationError('invalid value', undefined, details);
        break;
      case 'P0002':
        mapped = new NotFoundError('row', 'requested', details);
        break;
      case '40001':
      case '40P01':
      case '55P03':
        mapped = new ConflictError('concurrent update, retry', details);
        break;
      default:
        // Any other data exception (class 22: NUL characters, untranslatable text, ...) is bad input.
        mapped = code.startsWith('22')
          ? new ValidationError('invalid value', undefined, details)
          : new RustyError('INTERNAL', `database error${code ? ` (${code})` : ''}`, details);
    }
  }
  // Keep the driver error for logs without exposing it in the message.
  Object.defineProperty(mapped, 'cause', { value: error, enumerable: false });
  return mapped;
}
