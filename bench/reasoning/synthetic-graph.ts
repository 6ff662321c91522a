/**
 * A deterministic synthetic knowledge graph of any size for the reasoning bench: widgets made by
 * makers, made of materials, part of series; makers based in regions. Names are pronounceable,
 * unique, multi-word strings so alias matching works as on real data.
 */
import type { KnowledgeBundle, EntityInput, RelationshipInput } from '@rustygpt/core';

const SYLLABLES = [
  'ka',
  'lo',
  'mir',
  'tre',
  'no',
  'va',
  'zu',
  'rel',
  'qui',
  'dan',
  'sor',
  'bel',
  'fi',
  'gar',
  'hu',
  'jen',
  'pol',
  'ras',
  'tor',
  'wen',
  'xi',
  'yar',
  'cor',
  'mel',
  'ost',
];

function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SyntheticGraph {
  bundle: KnowledgeBundle;
  questions: { question: string; expected: string[] }[];
}

/** Builds a graph with about `size` entities and questions over it. */
export function syntheticGraph(size: number, questionCount = 200, seed = 7): SyntheticGraph {
  const random = rng(seed);
  const int = (n: number): number => Math.floor(random() * n);
  const used = new Set<string>();
  const word = (): string => {
    const n = 2 + int(2);
    let w = '';
    for (let i = 0; i < n; i++) w += SYLLABLES[int(SYLLABLES.length)];
    return w.charAt(0).toUpperCase() + w.slice(1);
  };
  const name = (parts: number): string => {
    for (;;) {
      const candidate = Array.from({ length: parts }, word).join(' ');
      if (!used.has(candidate.toLowerCase())) {
        used.add(candidate.toLowerCase());
        return candidate;
      }
    }
  };
  const regions = Math.max(10, Math.round(size * 0.001));
  const materials = Math.max(20, Math.round(size * 0.01));
  const makers = Math.max(50, Math.round(size * 0.1));
  const series = Math.max(50, Math.round(size * 0.09));
  const widgets = Math.max(100, size - regions - materials - makers - series);
  const entities: EntityInput[] = [];
  const relationships: RelationshipInput[] = [];
  const make = (
    type: string,
    count: number,
    parts: number,
    attrs: () => Record<string, string | number>,
  ): EntityInput[] => {
    const list = Array.from({ length: count }, (_, i) => ({
      key: `${type}:${i}`,
      type,
      name: name(parts),
      attributes: attrs(),
    }));
    entities.push(...list);
    return list;
  };
  const regionList = make('region', regions, 1, () => ({ population: 1000 + int(1_000_000) }));
  const materialList = make('material', materials, 1, () => ({ hardness: int(10) + 1 }));
  const makerList = make('maker', makers, 2, () => ({ founded: 1800 + int(220) }));
  const seriesList = make('series', series, 2, () => ({ launch_year: 1950 + int(75) }));
  const widgetList = make('widget', widgets, 2, () => ({
    weight: int(5000) / 10,
    price: int(100000) / 100,
    color: ['red', 'blue', 'green', 'black'][int(4)]!,
  }));
  const madeBy = new Map<string, string>();
  const madeOf = new Map<string, string>();
  for (const m of makerList)
    relationships.push({
      from: m.key,
      to: regionList[int(regions)]!.key,
      type: 'based_in',
      path: 'org.based_in',
    });
  for (const w of widgetList) {
    const maker = makerList[int(makers)]!.key;
    const material = materialList[int(materials)]!.key;
    madeBy.set(w.key, maker);
    madeOf.set(w.key, material);
    relationships.push({ from: w.key, to: maker, type: 'made_by', path: 'production.made_by' });
    relationships.push({ from: w.key, to: material, type: 'made_of', path: 'production.made_of' });
    relationships.push({
      from: w.key,
      to: seriesList[int(series)]!.key,
      type: 'part_of',
      path: 'catalogue.part_of',
    });
  }
  const byKey = new Map(entities.map((e) => [e.key, e]));
  const basedIn = new Map(relationships.filter((r) => r.type === 'based_in').map((r) => [r.from, r.to]));
  const questions: SyntheticGraph['questions'] = [];
  for (let i = 0; i < questionCount; i++) {
    const w = widgetList[int(widgets)]!;
    const maker = byKey.get(madeBy.get(w.key)!)!;
    switch (i % 4) {
      case 0:
        questions.push({
          question: `What is the weight of ${w.name}?`,
          expected: [String(w.attributes!.weight)],
        });
        break;
      case 1:
        questions.push({ question: `Who made ${w.name}?`, expected: [maker.name] });
        break;
      case 2:
        questions.push({
          question: `Where is the maker of ${w.name} based?`,
          expected: [byKey.get(basedIn.get(maker.key)!)!.name],
        });
        break;
      default: {
        const material = byKey.get(madeOf.get(w.key)!)!;
        const expected = widgetList
          .filter((x) => madeBy.get(x.key) === maker.key && madeOf.get(x.key) === material.key)
          .map((x) => x.name);
        questions.push({
          question: `Which widgets made by ${maker.name} are made of ${material.name}?`,
          expected,
        });
      }
    }
  }
  return { bundle: { entities, relationships }, questions };
}
