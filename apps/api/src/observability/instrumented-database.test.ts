import { describe, expect, it } from 'vitest';
import { statementKind } from './instrumented-database';

describe('statementKind', () => {
  it('labels statements by their verb, looking past a WITH clause', () => {
    expect(statementKind('SELECT 1')).toBe('select');
    expect(statementKind('  insert into t values (1)')).toBe('insert');
    expect(statementKind('WITH x AS (SELECT 1) UPDATE t SET a = 1')).toBe('update');
  });
});
