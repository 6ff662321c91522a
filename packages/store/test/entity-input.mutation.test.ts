/**
 * Tests written from mutants that survived mutation testing (docs/QUALITY.md): each pins a
 * behaviour of entity-input normalisation that the other tests let change unnoticed — which
 * values are accepted, the JSON path and wording of each error, and what an upsert keeps.
 */
import { describe, expect, it } from 'vitest';
import type { Entity, EntityInput } from '@rustygpt/core';
import {
  changedParts,
  desiredSnapshot,
  normalizeAttributes,
  snapshotOf,
  type EntitySnapshot,
} from '../src/entity-input';
import { validationErrorOf } from './support/validation';

const anInput = (overrides: Partial<EntityInput> = {}): EntityInput => ({
  key: 'planet:earth',
  type: 'Planet',
  name: 'Earth',
  ...overrides,
});

const aSnapshot = (overrides: Partial<EntitySnapshot> = {}): EntitySnapshot => ({
  key: 'planet:earth',
  type: 'Planet',
  name: 'Earth',
  state: 'active',
  aliases: ['Terra'],
  attributes: { radius_km: 6371 },
  ...overrides,
});

describe('attribute normalisation (from surviving mutants)', () => {
  it('keeps string and boolean values, alone and in lists', () => {
    expect(normalizeAttributes({ class: 'G2V', habitable: true, ringed: false })).toEqual({
      class: 'G2V',
      habitable: true,
      ringed: false,
    });
    expect(normalizeAttributes({ tags: ['rocky', false, 'rocky', true, false] })).toEqual({
      tags: ['rocky', false, true],
    });
  });

  it('stores -0 as 0, alone and in lists, so it compares equal to 0', () => {
    const out = normalizeAttributes({ a: -0, b: [-0, 0, 1] });
    expect(Object.is(out.a, 0)).toBe(true);
    expect(out.b).toHaveLength(2);
    expect(Object.is((out.b as number[])[0], 0)).toBe(true);
  });

  it('names the attribute under $.attributes when no path is given', () => {
    const nan = validationErrorOf(() => normalizeAttributes({ radius: Number.NaN }));
    expect(nan.path).toBe('$.attributes.radius');
    expect(nan.message).toBe('$.attributes.radius: attribute numbers must be finite');

    const object = validationErrorOf(() => normalizeAttributes({ moons: [1, { name: 'Moon' } as never] }));
    expect(object.message).toBe(
      '$.attributes.moons[1]: attribute values are strings, numbers, booleans or arrays of them',
    );
    expect(validationErrorOf(() => normalizeAttributes({ at: null as never })).path).toBe('$.attributes.at');
  });

  it('rejects blank attribute names at the attributes path', () => {
    for (const name of ['', '   ']) {
      const error = validationErrorOf(() =>
        normalizeAttributes({ ok: 1, [name]: 2 }, '$.entities[4].attributes'),
      );
      expect(error.message).toBe('$.entities[4].attributes: attribute names must not be empty');
    }
  });
});

describe('desired snapshot of an upsert (from surviving mutants)', () => {
  it.each([
    ['key', { key: '' }],
    ['key', { key: '  ' }],
    ['key', { key: 7 as never }],
    ['type', { type: '' }],
    ['type', { type: 7 as never }],
    ['name', { name: ' \t' }],
    ['name', { name: undefined as never }],
  ])('requires a non-empty string %s, naming its path (%j)', (field, overrides) => {
    const error = validationErrorOf(() => desiredSnapshot(anInput(overrides), null));
    expect(error.path).toBe(`$.${field}`);
    expect(error.message).toBe(`$.${field}: ${field} must be a non-empty string`);
    expect(validationErrorOf(() => desiredSnapshot(anInput(overrides), null, '$.entities[2]')).path).toBe(
      `$.entities[2].${field}`,
    );
  });

  it('accepts the three states and names them when refusing another', () => {
    for (const state of ['active', 'inactive', 'archived'] as const) {
      expect(desiredSnapshot(anInput({ state }), null).state).toBe(state);
    }
    const error = validationErrorOf(() =>
      desiredSnapshot(anInput({ state: 'deleted' as never }), null, '$.entities[1]'),
    );
    expect(error.message).toBe('$.entities[1].state: state must be one of active, inactive, archived');
  });

  it('trims the name and the type but keeps the key as given', () => {
    const snapshot = desiredSnapshot(
      anInput({ key: ' planet:earth ', type: ' Planet\t', name: '  Earth ' }),
      null,
    );
    expect(snapshot).toMatchObject({ key: ' planet:earth ', type: 'Planet', name: 'Earth' });
  });

  it('takes the state asked for, else the current one, else active', () => {
    const inactive = aSnapshot({ state: 'inactive' });
    expect(desiredSnapshot(anInput(), inactive).state).toBe('inactive');
    expect(desiredSnapshot(anInput({ state: 'archived' }), inactive).state).toBe('archived');
    expect(desiredSnapshot(anInput(), null).state).toBe('active');
  });

  it('starts a new entity with no aliases and no attributes', () => {
    expect(desiredSnapshot(anInput(), null)).toEqual({
      key: 'planet:earth',
      type: 'Planet',
      name: 'Earth',
      state: 'active',
      aliases: [],
      attributes: {},
    });
  });

  it('names bad attributes under the entity path', () => {
    const error = validationErrorOf(() =>
      desiredSnapshot(anInput({ attributes: { radius: Number.POSITIVE_INFINITY } }), null, '$.entities[9]'),
    );
    expect(error.path).toBe('$.entities[9].attributes.radius');
  });
});

describe('snapshot of a stored entity (from surviving mutants)', () => {
  it('copies the entity and normalises its attributes', () => {
    const entity: Entity = {
      id: 1,
      workspaceId: 1,
      key: 'planet:earth',
      type: 'Planet',
      name: 'Earth',
      state: 'inactive',
      version: 3,
      aliases: ['Terra'],
      attributes: { moons: ['Moon', 'Moon'], radius_km: 6371 },
      createdAt: new Date(0),
      updatedAt: new Date(0),
    };
    expect(snapshotOf(entity)).toEqual({
      key: 'planet:earth',
      type: 'Planet',
      name: 'Earth',
      state: 'inactive',
      aliases: ['Terra'],
      attributes: { moons: ['Moon'], radius_km: 6371 },
    });
  });
});

describe('changed parts (from surviving mutants)', () => {
  it.each([
    ['type', { type: 'Dwarf planet' }],
    ['name', { name: 'Terra' }],
    ['state', { state: 'archived' as const }],
    ['aliases', { aliases: ['Terra', 'Gaia'] }],
    ['attributes', { attributes: { radius_km: 6372 } }],
  ])('names a change of %s alone', (part, overrides) => {
    expect(changedParts(aSnapshot(), aSnapshot(overrides))).toEqual([part]);
  });

  it('names every part that changed, in a fixed order', () => {
    const after = aSnapshot({
      type: 'World',
      name: 'Terra',
      state: 'inactive',
      aliases: [],
      attributes: {},
    });
    expect(changedParts(aSnapshot(), after)).toEqual(['type', 'name', 'state', 'aliases', 'attributes']);
  });
});
