/**
 * Mutation-testing gate for the database error mapping: every SQLSTATE and driver failure a
 * caller can meet, with the exact code, message and details it becomes, and what never leaks.
 */
import { describe, expect, it } from 'vitest';
import { ConflictError } from '@rustygpt/core';
import { mapDatabaseError } from '../src/db-errors';

/** A driver error as pg and PGlite throw them: an Error with SQLSTATE and server fields. */
const driverError = (code: string | undefined, message: string, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(message), code === undefined ? {} : { code }, extra);

const mapped = (error: unknown) => {
  const e = mapDatabaseError(error);
  return { code: e.code, message: e.message, details: e.details };
};

describe('mapDatabaseError (mutation gate)', () => {
  it.each([
    ['ECONNREFUSED'],
    ['ECONNRESET'],
    ['EPIPE'],
    ['ETIMEDOUT'],
    ['ENOTFOUND'],
    ['EHOSTUNREACH'],
    ['08006'],
    ['08001'],
    ['57P01'],
    ['57P03'],
  ])('reports %s as an unreachable database', (code) => {
    expect(mapped(driverError(code, 'socket trouble'))).toEqual({
      code: 'UNAVAILABLE',
      message: 'database is not reachable',
      details: { sqlState: code, constraint: undefined },
    });
  });

  it.each([
    ['Connection terminated unexpectedly'],
    ['connection was closed'],
    ['the connection has ended'],
    ['Client has encountered a connection error and is not queryable'],
    ['PGlite is a Closed Database'],
  ])('reports "%s" without a SQLSTATE as a lost connection', (message) => {
    expect(mapped(driverError(undefined, message))).toEqual({
      code: 'UNAVAILABLE',
      message: 'database connection was lost',
      details: { sqlState: undefined, constraint: undefined },
    });
  });

  it('does not take a server error that mentions a closed connection for a lost one', () => {
    expect(mapped(driverError('42P01', 'connection closed table missing')).code).toBe('INTERNAL');
  });

  it('names ltree paths and vector dimensions, whatever the case of the driver text', () => {
    expect(mapped(driverError('42601', 'LTREE syntax error'))).toEqual({
      code: 'BAD_USER_INPUT',
      message: 'invalid ltree path: use dot-separated labels of letters, digits and underscore',
      details: expect.objectContaining({ sqlState: '42601' }),
    });
    for (const code of ['22000', '22023', undefined]) {
      expect(mapped(driverError(code, 'different vector Dimensions 2 and 3')).message).toBe(
        'vector has the wrong number of dimensions for this model',
      );
    }
    // "dimensions" under another SQLSTATE is not a vector-size error.
    expect(mapped(driverError('42804', 'array dimensions do not match'))).toEqual({
      code: 'INTERNAL',
      message: 'database error (42804)',
      details: { sqlState: '42804', constraint: undefined },
    });
  });

  it('maps constraint violations, naming the constraint when the driver gives one', () => {
    expect(mapped(driverError('23505', 'duplicate key', { constraint: 'entities_key' }))).toEqual({
      code: 'CONFLICT',
      message: 'a row with the same unique key already exists (entities_key)',
      details: { sqlState: '23505', constraint: 'entities_key' },
    });
    expect(mapped(driverError('23505', 'duplicate key')).message).toBe(
      'a row with the same unique key already exists',
    );
    expect(mapped(driverError('23503', 'fk'))).toEqual({
      code: 'BAD_USER_INPUT',
      message: 'a referenced row does not exist',
      details: { sqlState: '23503', constraint: undefined },
    });
    expect(mapped(driverError('23502', 'null')).message).toBe('a required value is missing');
    expect(mapped(driverError('23514', 'check', { constraint: 'weight_range' }))).toEqual({
      code: 'BAD_USER_INPUT',
      message: 'a value is out of the allowed range (weight_range)',
      details: { sqlState: '23514', constraint: 'weight_range' },
    });
    expect(mapped(driverError('23514', 'check')).message).toBe('a value is out of the allowed range');
    expect(mapped(driverError('23505', 'dup', { constraint: 42 })).details).toEqual({
      sqlState: '23505',
      constraint: undefined,
    });
  });

  it.each([['22P02'], ['22003'], ['22023'], ['22000'], ['22007'], ['22008'], ['2201E'], ['22021']])(
    'reports data exception %s as an invalid value',
    (code) => {
      expect(mapped(driverError(code, 'bad input'))).toEqual({
        code: 'BAD_USER_INPUT',
        message: 'invalid value',
        details: { sqlState: code, constraint: undefined },
      });
    },
  );

  it('maps a missing row and concurrent updates', () => {
    expect(mapped(driverError('P0002', 'no rows')).code).toBe('NOT_FOUND');
    for (const code of ['40001', '40P01', '55P03']) {
      expect(mapped(driverError(code, 'serialization failure'))).toEqual({
        code: 'CONFLICT',
        message: 'concurrent update, retry',
        details: { sqlState: code, constraint: undefined },
      });
    }
  });

  it('keeps anything else internal, with the SQLSTATE only when there is one', () => {
    expect(mapped(driverError('XX000', 'secret internals'))).toEqual({
      code: 'INTERNAL',
      message: 'database error (XX000)',
      details: { sqlState: 'XX000', constraint: undefined },
    });
    expect(mapped(driverError(undefined, 'something odd'))).toEqual({
      code: 'INTERNAL',
      message: 'database error',
      details: { sqlState: undefined, constraint: undefined },
    });
    // Thrown non-errors: a string is still read for connection loss; null maps to internal.
    expect(mapped('Connection terminated').code).toBe('UNAVAILABLE');
    expect(mapped(null)).toEqual({
      code: 'INTERNAL',
      message: 'database error',
      details: { sqlState: undefined, constraint: undefined },
    });
    expect(mapped(driverError(undefined, 'x', { code: 57 })).message).toBe('database error');
  });

  it('keeps the driver error as a cause that does not show when the error is serialised', () => {
    const original = driverError('23505', 'duplicate key value violates "secret_index"');
    const error = mapDatabaseError(original);
    expect(error.cause).toBe(original);
    expect(Object.keys(error)).not.toContain('cause');
    expect(JSON.stringify(error)).not.toContain('secret');
    const typed = new ConflictError('already typed');
    expect(mapDatabaseError(typed)).toBe(typed);
  });
});
