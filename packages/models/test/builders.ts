/** Fixture builders for the indexing, retrieval and re-base tests. */
import type { EntityInput, KnowledgeBundle, RelationshipInput, ResourceInput } from '@rustygpt/core';
import { KnowledgeStore, openDatabase } from '@rustygpt/store';

const COUNTRIES: [string, string, string][] = [
  ['France', 'Paris', 'Seine'],
  ['Germany', 'Berlin', 'Spree'],
  ['Italy', 'Rome', 'Tiber'],
  ['Spain', 'Madrid', 'Manzanares'],
  ['Egypt', 'Cairo', 'Nile'],
  ['Japan', 'Tokyo', 'Sumida'],
  ['Hungary', 'Budapest', 'Danube'],
  ['England', 'London', 'Thames'],
];
const ELEMENTS = [
  'Iron',
  'Copper',
  'Gold',
  'Silver',
  'Zinc',
  'Tin',
  'Oxygen',
  'Hydrogen',
  'Nitrogen',
  'Carbon',
];
const INSTRUMENTS = ['Violin', 'Piano', 'Trumpet', 'Guitar', 'Flute', 'Drum'];

/** Builds a small knowledge bundle: countries, capitals, rivers, elements, instruments, passages. */
export class KnowledgeBaseBuilder {
  private readonly entities: EntityInput[] = [];
  private readonly relationships: RelationshipInput[] = [];
  private readonly resources: ResourceInput[] = [];

  withGeography(): this {
    for (const [country, city, river] of COUNTRIES) {
      this.entities.push(
        { key: `country:${country}`, type: 'country', name: country },
        { key: `city:${city}`, type: 'city', name: city },
        { key: `river:${river}`, type: 'river', name: river },
      );
      this.relationships.push(
        { from: `city:${city}`, to: `country:${country}`, type: 'capital_of', weight: 1 },
        { from: `river:${river}`, to: `city:${city}`, type: 'flows_through', weight: 0.8 },
      );
      this.resources.push({
        uri: `https://example.org/wiki/${city}`,
        title: city,
        text: `${city} is the capital city of ${country}. The river ${river} flows through ${city}.`,
        entities: [{ key: `city:${city}` }, { key: `country:${country}`, confidence: 0.6 }],
      });
    }
    return this;
  }

  withElements(): this {
    for (const el of ELEMENTS) {
      this.entities.push({
        key: `element:${el}`,
        type: 'chemical element',
        name: el,
        attributes: { kind: 'element' },
      });
    }
    this.resources.push({
      uri: 'https://example.org/wiki/Metals',
      title: 'Metals',
      text: 'Iron, copper, gold and silver are metals. Iron rusts; gold does not. Copper conducts electricity well.',
      entities: ELEMENTS.slice(0, 4).map((el) => ({ key: `element:${el}` })),
    });
    return this;
  }

  withInstruments(): this {
    for (const ins of INSTRUMENTS)
      this.entities.push({ key: `instrument:${ins}`, type: 'musical instrument', name: ins });
    this.resources.push({
      uri: 'https://example.org/wiki/Orchestra',
      title: 'Orchestra',
      text: 'An orchestra has violins, a piano, trumpets and drums. The violin plays the melody.',
      entities: [{ key: 'instrument:Violin' }, { key: 'instrument:Piano' }],
    });
    return this;
  }

  build(): KnowledgeBundle {
    return { entities: this.entities, relationships: this.relationships, resources: this.resources };
  }
}

export function aKnowledgeBase(): KnowledgeBaseBuilder {
  return new KnowledgeBaseBuilder();
}

/** An in-memory store with the bundle imported. */
export async function aStoreWith(bundle: KnowledgeBundle): Promise<KnowledgeStore> {
  const db = await openDatabase({ dataDir: 'memory://' });
  const store = new KnowledgeStore(db);
  await store.importBundle(bundle);
  return store;
}
