/**
 * Builders for hand-made slot frames, so traversal tests can state exactly which anchors,
 * relationship types and entity types a question resolved to (and at which token positions)
 * without going through identification and slot resolution.
 */
import type { Entity } from '@rustygpt/core';
import type { Fact, Mention, SlotFrame, TermMatch } from '../../src/state';

/** An exact mention of `entity` covering tokens [start, end) of the question. */
export function aMention(entity: Entity, start: number, end = start + 1): Mention {
  return {
    text: entity.name.toLowerCase(),
    start,
    end,
    entity,
    score: 1,
    method: 'exact',
    alternatives: [],
    ambiguous: false,
  };
}

/** A lexical vocabulary match of `name` at the given token positions. */
export function aTerm(name: string, ...positions: number[]): TermMatch {
  return { name, score: 1, positions, method: 'lexical' };
}

/** An attribute fact of `entity`, as slot resolution fills it from the entity itself. */
export function anAttributeFact(entity: Entity, name: string): Fact {
  return { kind: 'attribute', entity, name, value: entity.attributes[name]! };
}

/** A slot frame: an `entity` question with nothing in it unless `parts` says otherwise. */
export function aSlotFrame(parts: Partial<SlotFrame> = {}): SlotFrame {
  return {
    kind: 'entity',
    attributes: [],
    relationTypes: [],
    entityTypes: [],
    anchors: [],
    filled: [],
    open: [],
    freeWords: [],
    ...parts,
  };
}
