/**
 * Builders for the entity-identification tests: an embedder whose vectors the test sets, a small
 * knowledge base of names that only vector similarity can reach, and the ambiguous "Mercury"
 * knowledge base with the element linked into the graph.
 */
import type { Embedder, Entity } from '@rustygpt/core';
import { aChemistryKnowledgeBaseWithAmbiguousMercury } from './chemistry-kb';
import { MemoryKnowledge } from './memory-knowledge';

/**
 * An embedder that returns, for each text, the vector the test scripted for it (all zeros for
 * any other text), and records the texts it was asked to embed.
 */
export class ScriptedEmbedder implements Embedder {
  /** Stands in for the model file's hash (no file here). */
  readonly fileHash = 'scripted';
  /** Every batch of texts passed to {@link ScriptedEmbedder.embed}, in call order. */
  readonly requests: string[][] = [];

  /** `vectors` maps a text to its vector's first components; the rest are zeros up to `dims`. */
  constructor(
    private readonly vectors: Readonly<Record<string, readonly number[]>>,
    readonly dims = 5,
    readonly modelId = 'test:hash',
  ) {}

  /** The scripted vector of each text (zeros where none was scripted). */
  async embed(texts: string[]): Promise<Float32Array[]> {
    this.requests.push([...texts]);
    return texts.map((t) => {
      const v = new Float32Array(this.dims);
      (this.vectors[t] ?? []).forEach((x, i) => (v[i] = x));
      return v;
    });
  }
}

/** Stores `components` (padded with zeros to `dims`) as the entity's vector for vector search. */
export function placeVector(kb: MemoryKnowledge, entity: Entity, components: number[], dims = 5): void {
  const v = new Float32Array(dims);
  components.forEach((x, i) => (v[i] = x));
  kb.vectors.set(entity.id, v);
}

/**
 * Names around "Sklodowska Curie", a span no alias, stem, typo or surname lookup matches, but
 * whose every word belongs to the name or aliases of each entity here (plus one unrelated
 * entity): what reaches the vector stage. No entity has a vector until the test places one.
 */
export function aKnowledgeBaseOfCurieNames() {
  const kb = new MemoryKnowledge();
  const e = {
    marie: kb.addEntity({
      key: 'person:marie-curie',
      type: 'person',
      name: 'Marie Curie',
      aliases: ['Marie Sklodowska'],
    }),
    institute: kb.addEntity({
      key: 'org:curie-institute',
      type: 'organisation',
      name: 'Curie Institute',
      aliases: ['Sklodowska Curie Institute'],
    }),
    museum: kb.addEntity({ key: 'org:curie-museum', type: 'organisation', name: 'Sklodowska Curie Museum' }),
    university: kb.addEntity({
      key: 'org:curie-university',
      type: 'organisation',
      name: 'Sklodowska Curie University',
    }),
    polonium: kb.addEntity({ key: 'element:Po', type: 'element', name: 'Polonium', aliases: ['Po'] }),
  };
  kb.relate(e.polonium, 'discovered_by', e.marie, 1, 'discovery.discovered_by');
  return { kb, e };
}

/**
 * The chemistry knowledge base with its two "Mercury" entities (the person first, then the
 * element Hg), the element linked to the transition-metal category and to period 6.
 */
export function aChemistryKnowledgeBaseWithLinkedMercury() {
  const base = aChemistryKnowledgeBaseWithAmbiguousMercury();
  const byKey = (key: string): Entity => [...base.kb.entities.values()].find((x) => x.key === key)!;
  const mercury = { person: byKey('person:mercury'), element: byKey('element:Hg') };
  const period6 = base.kb.addEntity({ key: 'period:6', type: 'period', name: 'Period 6' });
  base.kb.relate(mercury.element, 'category', base.e.transition, 1, 'classification.category');
  base.kb.relate(mercury.element, 'period', period6, 1, 'table.period');
  return { ...base, mercury, period6 };
}
