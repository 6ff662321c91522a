import type {
  AttributeValue,
  EntityInput,
  KnowledgeBundle,
  RelationshipInput,
  ResourceInput,
} from '@rustygpt/core';

/** Builds knowledge bundles for tests: `aBundle().withEntity('planet:earth', { name: 'Earth' }).withRelationship(...)`. */
export class BundleBuilder {
  private readonly entities: EntityInput[] = [];
  private readonly relationships: RelationshipInput[] = [];
  private readonly resources: ResourceInput[] = [];

  withEntity(
    key: string,
    options: {
      type?: string;
      name?: string;
      aliases?: string[];
      attributes?: Record<string, AttributeValue>;
      state?: EntityInput['state'];
    } = {},
  ): this {
    this.entities.push({
      key,
      type: options.type ?? 'Thing',
      name: options.name ?? key.replace(/^.*:/, ''),
      aliases: options.aliases ?? [],
      attributes: options.attributes ?? {},
      ...(options.state ? { state: options.state } : {}),
    });
    return this;
  }

  withRelationship(
    from: string,
    to: string,
    type: string,
    options: { weight?: number; path?: string } = {},
  ): this {
    this.relationships.push({ from, to, type, ...options });
    return this;
  }

  withResource(
    uri: string,
    text: string,
    entities: { key: string; confidence?: number }[] = [],
    title?: string,
  ): this {
    this.resources.push({ uri, text, entities, type: 'text/plain', ...(title ? { title } : {}) });
    return this;
  }

  /** A generated graph: `n` entities in `types` and `m` relationships (deterministic for a seed). */
  withGenerated(n: number, m: number, seed = 1): this {
    let s = seed;
    const rand = () => {
      s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
      return s / 2_147_483_648;
    };
    const types = ['Person', 'Place', 'Organisation', 'Event'];
    for (let i = 0; i < n; i++) {
      this.withEntity(`gen:${i}`, {
        type: types[i % types.length],
        name: `Generated ${i}`,
        aliases: [`G${i}`, `gen number ${i}`],
        attributes: { rank: i, group: `g${i % 7}`, tags: ['x', `t${i % 3}`], flag: i % 2 === 0 },
      });
    }
    const seen = new Set<string>();
    const relTypes = ['knows', 'part of', 'located in'];
    while (this.relationships.length < m) {
      const a = Math.floor(rand() * n);
      const b = Math.floor(rand() * n);
      const type = relTypes[Math.floor(rand() * relTypes.length)] as string;
      const id = `${a}/${b}/${type}`;
      if (a === b || seen.has(id)) continue;
      seen.add(id);
      this.withRelationship(`gen:${a}`, `gen:${b}`, type, { weight: Math.round(rand() * 100) / 100 });
    }
    return this;
  }

  build(): KnowledgeBundle {
    return {
      entities: structuredClone(this.entities),
      relationships: structuredClone(this.relationships),
      resources: structuredClone(this.resources),
    };
  }
}

export const aBundle = (): BundleBuilder => new BundleBuilder();

/** The small solar-system graph most tests use. */
export function solarSystem(): BundleBuilder {
  return aBundle()
    .withEntity('star:sun', {
      type: 'Star',
      name: 'Sun',
      aliases: ['Sol'],
      attributes: { spectral_class: 'G2V' },
    })
    .withEntity('planet:earth', {
      type: 'Planet',
      name: 'Earth',
      aliases: ['Terra', 'the Blue Planet'],
      attributes: { radius_km: 6371, habitable: true, moons: ['Moon'] },
    })
    .withEntity('planet:mars', {
      type: 'Planet',
      name: 'Mars',
      aliases: ['the Red Planet'],
      attributes: { radius_km: 3389.5 },
    })
    .withEntity('moon:moon', { type: 'Moon', name: 'Moon', aliases: ['Luna'] })
    .withEntity('moon:phobos', { type: 'Moon', name: 'Phobos' })
    .withEntity('person:angstrom', { type: 'Person', name: 'Anders Ångström' })
    .withRelationship('planet:earth', 'star:sun', 'orbits', { path: 'astro.orbits', weight: 0.9 })
    .withRelationship('planet:mars', 'star:sun', 'orbits', { path: 'astro.orbits', weight: 0.8 })
    .withRelationship('moon:moon', 'planet:earth', 'orbits', { path: 'astro.orbits', weight: 0.7 })
    .withRelationship('moon:phobos', 'planet:mars', 'orbits', { path: 'astro.orbits', weight: 0.6 })
    .withRelationship('person:angstrom', 'star:sun', 'studied', { path: 'science.studied', weight: 0.5 })
    .withResource(
      'test://moon',
      'The Moon is the only natural satellite of Earth.\n\nIt is the fifth largest moon in the Solar System.',
      [
        { key: 'moon:moon', confidence: 0.9 },
        { key: 'planet:earth', confidence: 0.5 },
      ],
      'The Moon',
    )
    .withResource(
      'test://mars',
      'Mars has two small moons, Phobos and Deimos.',
      [{ key: 'planet:mars' }],
      'Mars',
    );
}
