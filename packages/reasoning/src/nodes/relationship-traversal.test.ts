import { describe, expect, it } from 'vitest';
import { aChemistryKnowledgeBase } from '../../test/support/chemistry-kb';
import { servicesFor, upTo } from '../../test/support/run-node';
import type { Resolution } from '../state';

async function resolve(question: string, level = 1, build = aChemistryKnowledgeBase): Promise<Resolution> {
  return (await upTo(servicesFor(build().kb), question, 'resolution', { level })).resolution!;
}

const names = (r: Resolution): string[] => r.targets.map((t) => t.name).sort();

describe('relationship traversal', () => {
  it('follows a direct link', async () => {
    const r = await resolve('Who discovered hydrogen?');
    expect(names(r)).toEqual(['Henry Cavendish']);
    expect(r.facts).toEqual([
      expect.objectContaining({
        kind: 'relationship',
        relationship: expect.objectContaining({ type: 'discovered_by' }),
      }),
    ]);
  });

  it('follows a chain, closest relationship to the anchor first', async () => {
    const r = await resolve('Who named the element discovered by Henry Cavendish?');
    expect(names(r)).toEqual(['Antoine Lavoisier']);
    expect(r.plan).toBe('discovered_by > named_by');
    expect(r.facts).toHaveLength(2);
  });

  it('intersects constraints from several anchors, then follows the rest', async () => {
    const argon = await resolve('Which noble gas was discovered by William Ramsay and is in period 3?');
    expect(names(argon)).toEqual(['Argon']);
    const davy = await resolve('Who discovered the alkali metal in period 3?');
    expect(names(davy)).toEqual(['Humphry Davy']);
    expect(davy.plan).toMatch(/^intersect\(2\) > discovered_by/);
    // Only facts on the answer path are kept (not every alkali metal or period-3 element).
    expect(davy.facts.map((f) => (f.kind === 'relationship' ? `${f.from.name}-${f.to.name}` : ''))).toEqual([
      'Sodium-Alkali metal',
      'Sodium-Period 3',
      'Sodium-Humphry Davy',
    ]);
  });

  it('reads attributes at the end of a path', async () => {
    const r = await resolve('What is the atomic number of the element discovered by Henry Cavendish?');
    expect(r.values).toEqual([expect.objectContaining({ name: 'atomic_number', value: 1 })]);
  });

  it('decides yes/no from a link, and "no" only from a competing fact', async () => {
    expect((await resolve('Is argon a noble gas?')).verdict).toBe(true);
    expect((await resolve('Is iron a noble gas?')).verdict).toBe(false);
    expect((await resolve('Is Henry Cavendish a noble gas?')).verdict).toBe(null);
  });

  it('goes transitive only on deeper passes', async () => {
    const build = () => {
      const base = aChemistryKnowledgeBase();
      const lab = base.kb.addEntity({ key: 'org:lab', type: 'organization', name: 'Royal Lab' });
      const city = base.kb.addEntity({ key: 'place:london', type: 'place', name: 'London' });
      base.kb.relate(base.e.cavendish, 'part_of', lab);
      base.kb.relate(lab, 'part_of', city);
      return base;
    };
    expect(names(await resolve('What is Henry Cavendish part of?', 1, build))).toEqual(['Royal Lab']);
    const deep = await resolve('Which place is Henry Cavendish part of?', 2, build);
    expect(names(deep)).toEqual(['London']);
  });

  it('treats relationship types named by the same word as alternatives for one hop', async () => {
    const build = () => {
      const base = aChemistryKnowledgeBase();
      const lamp = base.kb.addEntity({ key: 'widget:lamp', type: 'widget', name: 'Davy lamp' });
      const brass = base.kb.addEntity({ key: 'material:brass', type: 'material', name: 'Brass' });
      base.kb.relate(lamp, 'made_by', base.e.davy);
      base.kb.relate(lamp, 'made_of', brass);
      return base;
    };
    const who = await resolve('Who made the Davy lamp?', 1, build);
    expect(names(who)).toEqual(['Humphry Davy']);
    expect(who.plan).toBe('made_by');
  });

  it('uses an entity type named in the question as an intermediate hop ("the discoverer of X")', async () => {
    const viaType = await resolve('Which period is the element of Henry Cavendish in?', 1);
    expect(viaType.plan).toBe('element > period');
    expect(names(viaType)).toEqual(['Period 1']);
  });

  it('filters by an attribute value the question states ("... are gases")', async () => {
    const r = await resolve('Which elements in period 1 are gases?');
    expect(names(r)).toEqual(['Hydrogen']);
    expect(r.plan).toMatch(/value filter \(phase\)/);
  });
});
