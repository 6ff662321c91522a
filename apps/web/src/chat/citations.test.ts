import { describe, expect, it } from 'vitest';
import { citationItems, type MessageCitation } from './citations';

const entity = (id: number, name: string, type = 'Planet'): MessageCitation => ({
  kind: 'ENTITY',
  label: name,
  uri: null,
  entity: { id: `RW50aXR5OiR${id}=`, name, type },
});

describe('citationItems', () => {
  it('lists cited entities in order, linked to their pages, once each', () => {
    const items = citationItems([entity(1, 'Mars'), entity(2, 'Sun', 'Star'), entity(1, 'Mars')]);
    expect(items.map((i) => [i.label, i.type])).toEqual([
      ['Mars', 'Planet'],
      ['Sun', 'Star'],
    ]);
    expect(items[0]!.href).toBe(`/entities/${encodeURIComponent('RW50aXR5OiR1=')}`);
    expect(items[0]!.external).toBe(false);
  });

  it('links resources to their http(s) URI and leaves other schemes unlinked', () => {
    const items = citationItems([
      { kind: 'RESOURCE', label: 'Mars fact sheet', uri: 'https://nasa.example/mars' },
      { kind: 'RESOURCE', label: 'Local note', uri: 'javascript:alert(1)' },
    ]);
    expect(items).toEqual([
      {
        key: 'RESOURCE:https://nasa.example/mars',
        label: 'Mars fact sheet',
        type: null,
        href: 'https://nasa.example/mars',
        external: true,
      },
      { key: 'RESOURCE:javascript:alert(1)', label: 'Local note', type: null, href: null, external: false },
    ]);
  });

  it('drops entities the viewer can no longer see and handles a message without citations', () => {
    expect(citationItems([{ kind: 'ENTITY', label: 'Gone', entity: null }])).toEqual([]);
    expect(citationItems(null)).toEqual([]);
  });
});
