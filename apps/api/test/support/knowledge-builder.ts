import type { EntityInput, KnowledgeBundle, RelationshipInput, ResourceInput } from '@rustygpt/core';

/** Builds knowledge bundles for tests: `aKnowledgeBase().withCountry('France', { capital: 'Paris' })`. */
export class KnowledgeBaseBuilder {
  private readonly entities: EntityInput[] = [];
  private readonly relationships: RelationshipInput[] = [];
  private readonly resources: ResourceInput[] = [];

  withEntity(entity: EntityInput): this {
    this.entities.push(entity);
    return this;
  }

  withCountry(
    name: string,
    options: { capital?: string; population?: number; aliases?: string[] } = {},
  ): this {
    const key = `country:${name.toLowerCase()}`;
    this.withEntity({
      key,
      type: 'Country',
      name,
      aliases: options.aliases ?? [],
      attributes: { ...(options.population ? { population: options.population } : {}) },
    });
    if (options.capital) {
      const cityKey = `city:${options.capital.toLowerCase()}`;
      this.withEntity({
        key: cityKey,
        type: 'City',
        name: options.capital,
        attributes: { is_capital: true },
      });
      this.withRelationship(key, cityKey, 'capital', 'geo.capital', 1);
    }
    return this;
  }

  /** `count` chained entities `item:0..count-1`, each with attributes and a relationship to the next. */
  withChain(count: number, type = 'Item'): this {
    for (let i = 0; i < count; i++) {
      this.withEntity({
        key: `item:${i}`,
        type,
        name: `Item ${i}`,
        aliases: [`I${i}`],
        attributes: { rank: i, colour: i % 2 === 0 ? 'red' : 'blue', tags: ['a', `t${i % 3}`] },
      });
      if (i > 0) this.withRelationship(`item:${i - 1}`, `item:${i}`, 'next', 'seq.next', 0.5 + (i % 5) / 10);
    }
    return this;
  }

  withRelationship(from: string, to: string, type: string, path: string, weight = 1): this {
    this.relationships.push({ from, to, type, path, weight });
    return this;
  }

  withResource(resource: ResourceInput): this {
    this.resources.push(resource);
    return this;
  }

  build(): KnowledgeBundle {
    return {
      entities: [...this.entities],
      relationships: [...this.relationships],
      resources: [...this.resources],
    };
  }
}

export function aKnowledgeBase(): KnowledgeBaseBuilder {
  return new KnowledgeBaseBuilder();
}
