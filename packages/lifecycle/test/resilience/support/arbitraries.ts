/**
 * fast-check generators of hostile input: strings with lone surrogates (invalid UTF-8 once
 * encoded), oversized strings, non-finite numbers, invalid ltree labels, malformed vectors and
 * knowledge bundles that mix valid, cyclic and broken parts.
 */
import fc from 'fast-check';

/** Short keys from a small alphabet, so generated relationships often hit existing entities and cycles. */
export const key = fc.constantFrom('k:a', 'k:b', 'k:c', 'k:d', 'k:e');

/** Any string: unicode, lone surrogates, control characters, sometimes huge. */
export const nastyString = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '\uD800',
      'a\uDFFFb',
      '\u0000',
      '',
      ' ',
      '..',
      'a..b',
      'ä.ö',
      '-x',
      'x'.repeat(300),
    ),
  },
  { weight: 1, arbitrary: fc.integer({ min: 10_000, max: 200_000 }).map((n) => 'y'.repeat(n)) },
);

/** Numbers including the ones JSON cannot carry (NaN, Infinity) and extremes. */
export const nastyNumber = fc.oneof(
  fc.double(),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, 1e308, -1e308, 5e-324),
  fc.integer(),
);

/** ltree paths, valid and invalid. */
export const ltreePath = fc.oneof(
  fc.constantFrom('geo.borders', 'a', 'part_of', 'a.b.c'),
  fc.constantFrom('', '.', 'a..b', 'a.', 'has space', 'ä', 'a-b', 'x'.repeat(300), '\uD800'),
  nastyString,
);

const attributeValue = fc.oneof(
  nastyString,
  nastyNumber,
  fc.boolean(),
  fc.array(fc.oneof(nastyString, nastyNumber, fc.boolean()), { maxLength: 5 }),
  fc.jsonValue({ maxDepth: 3 }),
  fc.constant(null),
);

const entity = fc.record(
  {
    key: fc.oneof(key, nastyString),
    type: fc.oneof(fc.constantFrom('Thing', 'Person'), nastyString),
    name: fc.oneof(fc.constantFrom('Alpha', 'Beta'), nastyString),
    aliases: fc.oneof(fc.array(nastyString, { maxLength: 4 }), nastyString),
    attributes: fc.oneof(fc.dictionary(nastyString, attributeValue, { maxKeys: 4 }), attributeValue),
    state: fc.constantFrom('active', 'inactive', 'archived', 'deleted', 42),
  },
  { requiredKeys: ['key', 'type', 'name'] },
);

const relationship = fc.record(
  {
    from: fc.oneof(key, nastyString),
    to: fc.oneof(key, nastyString),
    type: fc.oneof(fc.constantFrom('related_to', 'part_of'), nastyString),
    weight: nastyNumber,
    path: ltreePath,
  },
  { requiredKeys: ['from', 'to', 'type'] },
);

const resource = fc.record(
  {
    uri: fc.oneof(fc.constantFrom('doc:1', 'doc:2'), nastyString),
    text: nastyString,
    title: nastyString,
    entities: fc.array(fc.record({ key: fc.oneof(key, nastyString), confidence: nastyNumber }), {
      maxLength: 3,
    }),
  },
  { requiredKeys: ['uri'] },
);

/** Bundles: mostly well-formed shapes with hostile values, sometimes anything at all. */
export const bundle = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record(
      {
        entities: fc.array(entity, { maxLength: 6 }),
        relationships: fc.array(relationship, { maxLength: 6 }),
        resources: fc.array(resource, { maxLength: 2 }),
      },
      { requiredKeys: [] },
    ),
  },
  { weight: 1, arbitrary: fc.anything({ maxDepth: 4 }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
);

/** Vectors of the wrong size, with non-finite components, or not numbers at all. */
export const badVector = fc.oneof(
  fc.array(nastyNumber, { minLength: 0, maxLength: 8 }),
  fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { minLength: 5, maxLength: 5000 }),
  fc.constant(new Array(4).fill(Number.NaN)),
  fc.constant([1, 2, Number.POSITIVE_INFINITY, 4]),
);
