import {
  CancelledError,
  ConflictError,
  NotFoundError,
  RustyError,
  UnavailableError,
  ValidationError,
} from '@rustygpt/core';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { apiCodeFor, maskError } from './errors';

describe('error mapping', () => {
  it('maps core codes to the seven API codes', () => {
    expect(apiCodeFor('CONFLICT')).toBe('BAD_USER_INPUT');
    expect(apiCodeFor('UNAVAILABLE')).toBe('UNAVAILABLE');
    expect(apiCodeFor('TIMEOUT')).toBe('INTERNAL');
    expect(apiCodeFor('RATE_LIMITED')).toBe('RATE_LIMITED');
  });

  it('keeps the message and path of domain errors raised in resolvers', () => {
    const wrapped = new GraphQLError('x', {
      path: ['entity'],
      originalError: new ValidationError('bad key', '$.key'),
    });
    const masked = maskError(wrapped, 'Unexpected error.');
    expect(masked.message).toBe('$.key: bad key');
    expect(masked.extensions.code).toBe('BAD_USER_INPUT');
    expect(masked.extensions.path).toBe('$.key');
    expect(masked.path).toEqual(['entity']);
  });

  it('maps not found, conflict and cancellation', () => {
    expect(maskError(new NotFoundError('entity', 3), 'm').extensions.code).toBe('NOT_FOUND');
    expect(maskError(new ConflictError('dup'), 'm').extensions.code).toBe('BAD_USER_INPUT');
    expect(maskError(new CancelledError(), 'm').extensions.code).toBe('INTERNAL');
  });

  it('masks unexpected errors (no SQL or stack reaches the client)', () => {
    const wrapped = new GraphQLError('relation "users" does not exist', {
      originalError: new Error('relation "users" does not exist'),
    });
    const masked = maskError(wrapped, 'Unexpected error.');
    expect(masked.message).toBe('Unexpected error.');
    expect(masked.extensions).toEqual({ code: 'INTERNAL' });
  });

  it('reports a database outage as UNAVAILABLE with HTTP 503', () => {
    const masked = maskError(new UnavailableError('database unreachable'), 'Unexpected error.');
    expect(masked.extensions.code).toBe('UNAVAILABLE');
    expect(masked.extensions.reason).toBe('UNAVAILABLE');
    expect(masked.extensions.http).toEqual({ status: 503 });
  });

  it('hides the message of internal domain errors', () => {
    expect(maskError(new RustyError('INTERNAL', 'secret detail'), 'Unexpected error.').message).toBe(
      'Unexpected error.',
    );
  });
});
