import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { getSchema } from '../schema';
import { checkOperationLimits } from './operation-limits';

const limits = { maxDepth: 8, maxAliases: 3, maxComplexity: 500, maxBreadth: 50 };
const check = (query: string, variables: Record<string, unknown> = {}) =>
  checkOperationLimits(getSchema(), parse(query), variables, null, {}, limits).map((e) => e.message);

describe('operation limits', () => {
  it('accepts an ordinary query', () => {
    expect(check('{ viewer { name } entities(first: 5) { edges { node { name aliases } } } }')).toEqual([]);
  });

  it('rejects deep nesting', () => {
    const deep =
      '{ entities(first: 1) { edges { node { relationships(first: 1) { edges { node { from { relationships(first: 1) { edges { node { type } } } } } } } } } } }';
    expect(check(deep).join()).toMatch(/depth/);
  });

  it('rejects alias amplification', () => {
    expect(
      check('{ a: viewer { name } b: viewer { name } c: viewer { name } d: viewer { name } }').join(),
    ).toMatch(/more than 3 aliases/);
  });

  it('prices lists by their page size, including sizes passed as variables', () => {
    const q =
      'query ($n: Int) { entities(first: $n) { edges { node { relationships(first: $n) { edges { node { type } } } } } } }';
    expect(check(q, { n: 5 })).toEqual([]);
    expect(check(q, { n: 100 }).join()).toMatch(/complexity/);
  });
});
