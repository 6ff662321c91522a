import { describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError, RustyError, UnavailableError, ValidationError } from '@rustygpt/core';
import { mapDatabaseError } from './db-errors';

const pgError = (code: string, message: string, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(message), { code, query: 'SELECT secret_column FROM t', ...extra });

describe('mapDatabaseError', () => {
  it('maps constraint violations to typed errors', () => {
    expect(
      mapDatabaseError(pgError('23505', 'duplicate key', { constraint: 'entities_workspace_id_key_key' })),
    ).toBeInstanceOf(ConflictError);
    expect(mapDatabaseError(pgError('23503', 'violates foreign key'))).toBeInstanceOf(ValidationError);
    expect(mapDatabaseError(pgError('23514', 'violates check'))).toBeInstanceOf(ValidationError);
    expect(mapDatabaseError(pgError('P0002', 'not found'))).toBeInstanceOf(NotFoundError);
  });

  it('maps ltree and vector dimension errors to ValidationError', () => {
    expect(mapDatabaseError(pgError('42601', 'ltree syntax error at character 3')).message).toMatch(
      /invalid ltree path/,
    );
    expect(mapDatabaseError(pgError('22000', 'different vector dimensions 2 and 3')).message).toMatch(
      /wrong number of dimensions/,
    );
    expect(mapDatabaseError(pgError('22000', 'expected 3 dimensions, not 2'))).toBeInstanceOf(
      ValidationError,
    );
  });

  it('maps connection failures to UnavailableError', () => {
    expect(
      mapDatabaseError(
        Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5'), { code: 'ECONNREFUSED' }),
      ),
    ).toBeInstanceOf(UnavailableError);
    expect(mapDatabaseError(new Error('Connection terminated unexpectedly'))).toBeInstanceOf(
      UnavailableError,
    );
    expect(mapDatabaseError(pgError('57P01', 'terminating connection'))).toBeInstanceOf(UnavailableError);
  });

  it('never puts SQL or driver text in the message, but keeps the cause', () => {
    const original = pgError('42P01', 'relation "secret_table" does not exist');
    const mapped = mapDatabaseError(original);
    expect(mapped).toBeInstanceOf(RustyError);
    expect(mapped.code).toBe('INTERNAL');
    expect(mapped.message).toBe('database error (42P01)');
    expect(mapped.message).not.toMatch(/secret/);
    expect(mapped.cause).toBe(original);
    const typed = new ConflictError('x');
    expect(mapDatabaseError(typed)).toBe(typed);
  });
});
