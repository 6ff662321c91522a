/**
 * A small builder-made knowledge base for node tests: a few elements, people and categories,
 * linked like a periodic-table graph.
 */
import { MemoryKnowledge } from './memory-knowledge';

/** Builds the test knowledge base; returns the store and the entities by short name. */
export function aChemistryKnowledgeBase() {
  const kb = new MemoryKnowledge();
  const e = {
    hydrogen: kb.addEntity({
      key: 'element:H',
      type: 'element',
      name: 'Hydrogen',
      aliases: ['H'],
      attributes: { atomic_number: 1, atomic_mass: 1.008, phase: 'Gas' },
    }),
    helium: kb.addEntity({
      key: 'element:He',
      type: 'element',
      name: 'Helium',
      aliases: ['He'],
      attributes: { atomic_number: 2, atomic_mass: 4.0026 },
    }),
    neon: kb.addEntity({
      key: 'element:Ne',
      type: 'element',
      name: 'Neon',
      aliases: ['Ne'],
      attributes: { atomic_number: 10, atomic_mass: 20.18 },
    }),
    argon: kb.addEntity({
      key: 'element:Ar',
      type: 'element',
      name: 'Argon',
      aliases: ['Ar'],
      attributes: { atomic_number: 18, atomic_mass: 39.948 },
    }),
    sodium: kb.addEntity({
      key: 'element:Na',
      type: 'element',
      name: 'Sodium',
      aliases: ['Na'],
      attributes: { atomic_number: 11, atomic_mass: 22.99, boiling_point: 1156.09 },
    }),
    potassium: kb.addEntity({
      key: 'element:K',
      type: 'element',
      name: 'Potassium',
      aliases: ['K'],
      attributes: { atomic_number: 19, atomic_mass: 39.098 },
    }),
    iron: kb.addEntity({
      key: 'element:Fe',
      type: 'element',
      name: 'Iron',
      aliases: ['Fe'],
      attributes: { atomic_number: 26, atomic_mass: 55.845, melting_point: 1811 },
    }),
    indium: kb.addEntity({
      key: 'element:In',
      type: 'element',
      name: 'Indium',
      aliases: ['In'],
      attributes: { atomic_number: 49 },
    }),
    cavendish: kb.addEntity({
      key: 'person:cavendish',
      type: 'person',
      name: 'Henry Cavendish',
      aliases: ['Cavendish'],
    }),
    lavoisier: kb.addEntity({
      key: 'person:lavoisier',
      type: 'person',
      name: 'Antoine Lavoisier',
      aliases: ['Lavoisier'],
    }),
    ramsay: kb.addEntity({
      key: 'person:ramsay',
      type: 'person',
      name: 'William Ramsay',
      aliases: ['Ramsay'],
    }),
    davy: kb.addEntity({ key: 'person:davy', type: 'person', name: 'Humphry Davy', aliases: ['Davy'] }),
    nobleGas: kb.addEntity({ key: 'category:noble-gas', type: 'category', name: 'Noble gas' }),
    alkali: kb.addEntity({ key: 'category:alkali-metal', type: 'category', name: 'Alkali metal' }),
    transition: kb.addEntity({
      key: 'category:transition-metal',
      type: 'category',
      name: 'Transition metal',
    }),
    period1: kb.addEntity({ key: 'period:1', type: 'period', name: 'Period 1' }),
    period3: kb.addEntity({ key: 'period:3', type: 'period', name: 'Period 3' }),
    period4: kb.addEntity({ key: 'period:4', type: 'period', name: 'Period 4' }),
  };
  kb.relate(e.hydrogen, 'discovered_by', e.cavendish, 1, 'discovery.discovered_by');
  kb.relate(e.hydrogen, 'named_by', e.lavoisier, 1, 'discovery.named_by');
  kb.relate(e.neon, 'discovered_by', e.ramsay, 1, 'discovery.discovered_by');
  kb.relate(e.argon, 'discovered_by', e.ramsay, 1, 'discovery.discovered_by');
  kb.relate(e.helium, 'discovered_by', e.ramsay, 1, 'discovery.discovered_by');
  kb.relate(e.sodium, 'discovered_by', e.davy, 1, 'discovery.discovered_by');
  kb.relate(e.potassium, 'discovered_by', e.davy, 1, 'discovery.discovered_by');
  for (const x of [e.helium, e.neon, e.argon])
    kb.relate(x, 'category', e.nobleGas, 1, 'classification.category');
  for (const x of [e.sodium, e.potassium]) kb.relate(x, 'category', e.alkali, 1, 'classification.category');
  kb.relate(e.iron, 'category', e.transition, 1, 'classification.category');
  kb.relate(e.hydrogen, 'period', e.period1, 1, 'table.period');
  kb.relate(e.helium, 'period', e.period1, 1, 'table.period');
  kb.relate(e.argon, 'period', e.period3, 1, 'table.period');
  kb.relate(e.sodium, 'period', e.period3, 1, 'table.period');
  kb.relate(e.potassium, 'period', e.period4, 1, 'table.period');
  kb.relate(e.iron, 'period', e.period4, 1, 'table.period');
  kb.addResource(
    'https://example.org/hydrogen',
    'Hydrogen',
    'Hydrogen is the lightest element. It was first recognised as a distinct substance in 1766.',
    [e.hydrogen],
  );
  return { kb, e };
}

/**
 * The chemistry knowledge base plus two entities named "Mercury" (a person and the element Hg),
 * so that "Mercury" in a question is ambiguous: the case meta-reasoning backtracks on.
 */
export function aChemistryKnowledgeBaseWithAmbiguousMercury() {
  const base = aChemistryKnowledgeBase();
  base.kb.addEntity({ key: 'person:mercury', type: 'person', name: 'Mercury' });
  base.kb.addEntity({
    key: 'element:Hg',
    type: 'element',
    name: 'Mercury',
    attributes: { atomic_number: 80 },
  });
  return base;
}
