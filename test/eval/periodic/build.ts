/**
 * Builds the reasoning dev set from the `node-periodic-table` npm package (MIT; data from
 * Bowserinator's Periodic-Table-JSON, itself from Wikipedia): a knowledge bundle (elements,
 * discoverers, namers, categories, periods, groups, summaries as resources) and ≥ 100 questions
 * across one-hop, alias, two-hop, list, three-hop-with-two-constraints and unknown-entity kinds.
 * Deterministic: same package version, same files. Run: `npx tsx test/eval/periodic/build.ts`.
 */
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type {
  KnowledgeBundle,
  EntityInput,
  RelationshipInput,
  ResourceInput,
  AttributeValue,
} from '@rustygpt/core';
import { questionList } from '../lib/question-list';
import { neighbours, seeded } from '../lib/seeded';

interface RawElement {
  name: string;
  appearance: string | null;
  atomic_mass: number | null;
  boil: number | null;
  category: string;
  density: number | null;
  discovered_by: string | null;
  melt: number | null;
  molar_heat: number | null;
  named_by: string | null;
  number: number;
  period: number;
  phase: string;
  source: string;
  summary: string;
  symbol: string;
  xpos: number;
  ypos: number;
  shells: number[];
  electron_configuration: string;
  electron_affinity: number | null;
  electronegativity_pauling: number | null;
  ionization_energies: number[];
}

/** One dev-set question and what counts as right. */
export interface EvalQuestion {
  id: string;
  kind: 'one-hop' | 'alias' | 'two-hop' | 'list' | 'three-hop' | 'unknown';
  question: string;
  /** Expected answer items (a set for lists); empty for unknowns. */
  expected: string[];
}

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const elements = (require('node-periodic-table/elements.json') as RawElement[]).filter(
  (e) => e.number <= 118,
);

// ------------------------------------------------------------------ bundle

const slug = (s: string): string =>
  s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
const NOT_AGENT = /\b(BC|BCE|Age|unknown|Ancient|India|Middle East|None|Isotopes)\b/i;
const ORGANIZATION = /(Laborator|Institut|Centre|Center|RIKEN|Gesellschaft|Research)/;

const entities = new Map<string, EntityInput>();
const relationships: RelationshipInput[] = [];
const resources: ResourceInput[] = [];

function agent(raw: string | null): string | null {
  if (!raw || NOT_AGENT.test(raw)) return null;
  const clean = raw
    .replace(/\s*\(.*?\)\s*/g, '')
    .replace('Jöns Jakob', 'Jöns Jacob')
    .trim();
  const key = `${ORGANIZATION.test(clean) ? 'organization' : 'person'}:${slug(clean)}`;
  if (!entities.has(key)) {
    const parts = clean.split(' ');
    const aliases = new Set<string>();
    if (raw !== clean) aliases.add(raw);
    if (clean.includes('Jöns Jacob')) aliases.add(clean.replace('Jacob', 'Jakob'));
    entities.set(key, {
      key,
      type: key.startsWith('organization') ? 'organization' : 'person',
      name: clean,
      aliases: [
        ...aliases,
        ...(parts.length >= 3 && !key.startsWith('organization') ? [`${parts[0]} ${parts.at(-1)}`] : []),
      ],
    });
  }
  return key;
}

function ensure(key: string, type: string, name: string, aliases: string[] = []): string {
  if (!entities.has(key)) entities.set(key, { key, type, name, aliases });
  return key;
}

for (const e of elements) {
  const key = `element:${e.symbol}`;
  const attributes: Record<string, AttributeValue> = {
    atomic_number: e.number,
    phase: e.phase,
    electron_configuration: e.electron_configuration,
  };
  const numeric: [string, number | null][] = [
    ['atomic_mass', e.atomic_mass],
    ['boiling_point', e.boil],
    ['melting_point', e.melt],
    ['density', e.density],
    ['molar_heat', e.molar_heat],
    ['electronegativity', e.electronegativity_pauling],
    ['electron_affinity', e.electron_affinity],
  ];
  for (const [name, value] of numeric) if (value !== null && value !== undefined) attributes[name] = value;
  if (e.appearance) attributes.appearance = e.appearance;
  if (e.ionization_energies.length > 0) attributes.ionization_energies = e.ionization_energies;
  if (e.shells.length > 0) attributes.electrons_per_shell = e.shells;
  entities.set(key, { key, type: 'element', name: e.name, aliases: [e.symbol], attributes });
  const discoverer = agent(e.discovered_by);
  if (discoverer)
    relationships.push({ from: key, to: discoverer, type: 'discovered_by', path: 'history.discovered_by' });
  const namer = agent(e.named_by);
  if (namer) relationships.push({ from: key, to: namer, type: 'named_by', path: 'history.named_by' });
  if (!e.category.startsWith('unknown')) {
    const name = e.category.charAt(0).toUpperCase() + e.category.slice(1);
    relationships.push({
      from: key,
      to: ensure(`category:${slug(e.category)}`, 'category', name),
      type: 'category',
      path: 'classification.category',
    });
  }
  relationships.push({
    from: key,
    to: ensure(`period:${e.period}`, 'period', `Period ${e.period}`),
    type: 'period',
    path: 'table.period',
  });
  if (e.ypos <= 7) {
    relationships.push({
      from: key,
      to: ensure(`group:${e.xpos}`, 'group', `Group ${e.xpos}`),
      type: 'group',
      path: 'table.group',
    });
  }
  resources.push({
    uri: e.source,
    type: 'text/plain',
    title: e.name,
    text: e.summary,
    entities: [{ key, confidence: 1 }],
  });
}

const bundle: KnowledgeBundle = { entities: [...entities.values()], relationships, resources };

// ------------------------------------------------------------------ questions

const { random, pick, shuffle } = seeded(20261124);

const byKey = entities;
const elementEntities = [...entities.values()].filter((e) => e.type === 'element');
const { out, into } = neighbours(relationships);
const nameOf = (key: string): string => byKey.get(key)!.name;
const fmt = (v: AttributeValue): string => (Array.isArray(v) ? v.join(', ') : String(v));

const { questions, add } = questionList();

const ATTRIBUTE_PHRASES: Record<string, ((x: string) => string)[]> = {
  atomic_mass: [
    (x) => `What is the atomic mass of ${x}?`,
    (x) => `What's ${x}'s atomic mass?`,
    (x) => `Give me the atomic mass of ${x}.`,
  ],
  atomic_number: [(x) => `What is the atomic number of ${x}?`, (x) => `Which atomic number does ${x} have?`],
  boiling_point: [
    (x) => `What is the boiling point of ${x}?`,
    (x) => `At what temperature does ${x} boil? I need its boiling point.`,
  ],
  melting_point: [(x) => `What is the melting point of ${x}?`, (x) => `Tell me ${x}'s melting point.`],
  density: [(x) => `What is the density of ${x}?`, (x) => `How high is the density of ${x}?`],
  electronegativity: [(x) => `What is the electronegativity of ${x}?`],
  electron_configuration: [
    (x) => `What is the electron configuration of ${x}?`,
    (x) => `Which electron configuration does ${x} have?`,
  ],
  phase: [(x) => `What phase is ${x} in at room temperature?`, (x) => `What is the phase of ${x}?`],
  molar_heat: [(x) => `What is the molar heat of ${x}?`],
  appearance: [(x) => `What is the appearance of ${x}?`],
};
const attributeNames = Object.keys(ATTRIBUTE_PHRASES);

// one-hop attribute (by name, sometimes lower-case or with the accents stripped)
for (const e of shuffle(elementEntities).slice(0, 25)) {
  const attribute = pick(attributeNames.filter((a) => e.attributes![a] !== undefined));
  const name = random() < 0.25 ? e.name.toLowerCase() : e.name;
  add('one-hop', pick(ATTRIBUTE_PHRASES[attribute]!)(name), [fmt(e.attributes![attribute]!)]);
}

// one-hop relation: the entity at the other end of one link, in several wordings
const RELATION_PHRASES: [string, (x: string) => string][] = [
  ['discovered_by', (x) => `Who discovered ${x}?`],
  ['discovered_by', (x) => `Who was the discoverer of ${x}?`],
  ['named_by', (x) => `Who gave ${x} its name?`],
  ['named_by', (x) => `Who named ${x}?`],
  ['category', (x) => `Which category does ${x} belong to?`],
  ['period', (x) => `In which period of the table is ${x}?`],
  ['group', (x) => `What group is ${x} in?`],
];
let relationQuestions = 0;
for (const e of shuffle(elementEntities)) {
  if (relationQuestions >= 10) break;
  const options = RELATION_PHRASES.filter(([type]) => out(e.key, type).length > 0);
  if (options.length === 0) continue;
  const [type, phrase] = pick(options);
  add('one-hop', phrase(random() < 0.3 ? e.name.toLowerCase() : e.name), out(e.key, type).map(nameOf));
  relationQuestions++;
}

// alias mention: the symbol instead of the name
for (const e of shuffle(elementEntities).slice(0, 15)) {
  const attribute = pick(
    ['atomic_mass', 'atomic_number', 'melting_point', 'boiling_point', 'density'].filter(
      (a) => e.attributes![a] !== undefined,
    ),
  );
  add('alias', pick(ATTRIBUTE_PHRASES[attribute]!)(e.aliases![0]!), [fmt(e.attributes![attribute]!)]);
}

// two-hop: through a discoverer or namer with a single element
const soleDiscoverers = [...entities.values()].filter(
  (p) => p.type !== 'element' && into(p.key, 'discovered_by').length === 1,
);
for (const p of shuffle(soleDiscoverers).slice(0, 20)) {
  const element = into(p.key, 'discovered_by')[0]!;
  const namers = out(element, 'named_by');
  const categories = out(element, 'category');
  const options: [string, string[]][] = [
    [
      `What is the atomic number of the element discovered by ${p.name}?`,
      [fmt(byKey.get(element)!.attributes!.atomic_number!)],
    ],
    [`Which period is the element that ${p.name} discovered in?`, out(element, 'period').map(nameOf)],
  ];
  if (namers.length > 0) options.push([`Who named the element discovered by ${p.name}?`, namers.map(nameOf)]);
  if (categories.length > 0)
    options.push([
      `What category does the element discovered by ${p.name} belong to?`,
      categories.map(nameOf),
    ]);
  const [question, expected] = pick(options);
  add('two-hop', question, expected);
}

// list-valued
const prolific = [...entities.values()].filter(
  (p) => p.type === 'person' && into(p.key, 'discovered_by').length >= 2,
);
for (const p of shuffle(prolific).slice(0, 6)) {
  // Sometimes only the surname, as people write it ("discovered by Davy").
  const who = random() < 0.4 ? p.name.split(' ').at(-1)! : p.name;
  add(
    'list',
    pick([
      `Which elements did ${who} discover?`,
      `List the elements discovered by ${who}.`,
      `Name the elements that ${who} discovered.`,
    ]),
    into(p.key, 'discovered_by').map(nameOf),
  );
}
for (const c of shuffle(
  [...entities.values()].filter((x) => x.type === 'category' && into(x.key, 'category').length <= 9),
).slice(0, 4)) {
  add(
    'list',
    pick([
      `Which elements are ${c.name.toLowerCase()}s?`,
      `Which elements belong to the ${c.name.toLowerCase()} category?`,
    ]),
    into(c.key, 'category').map(nameOf),
  );
}
for (const n of [1, 2, 3])
  add(
    'list',
    pick([`Which elements are in period ${n}?`, `List the elements of period ${n}.`]),
    into(`period:${n}`, 'period').map(nameOf),
  );
for (const e of shuffle(
  elementEntities.filter(
    (x) =>
      Array.isArray(x.attributes!.ionization_energies) &&
      (x.attributes!.ionization_energies as number[]).length <= 4,
  ),
).slice(0, 2)) {
  add(
    'list',
    `What are the ionization energies of ${e.name}?`,
    (e.attributes!.ionization_energies as number[]).map(String),
  );
}

// three-hop with two constraints: category ∩ period (or group) -> discoverer / namer / attribute
const combos: { category: string; container: string; element: string }[] = [];
for (const c of [...entities.values()].filter((x) => x.type === 'category')) {
  for (const container of [...entities.values()].filter((x) => x.type === 'period' || x.type === 'group')) {
    const type = container.type;
    const members = into(c.key, 'category').filter((el) => out(el, type).includes(container.key));
    if (members.length === 1 && out(members[0]!, 'discovered_by').length === 1)
      combos.push({ category: c.key, container: container.key, element: members[0]! });
  }
}
for (const { category, container, element } of shuffle(combos).slice(0, 15)) {
  const cat = nameOf(category).toLowerCase();
  const where = nameOf(container).toLowerCase();
  const discoverer = out(element, 'discovered_by').map(nameOf);
  const options: [string, string[]][] = [
    [`Who discovered the ${cat} in ${where}?`, discoverer],
    [`Which ${cat} in ${where} was discovered by ${discoverer[0]}?`, [nameOf(element)]],
    [
      `What is the atomic mass of the ${cat} that is in ${where}?`,
      [fmt(byKey.get(element)!.attributes!.atomic_mass!)],
    ],
  ];
  const [question, expected] = pick(options);
  add('three-hop', question, expected);
}

// unknown entities: names that are in no bundle
const UNKNOWN = [
  'Vibranium',
  'Adamantium',
  'Unobtainium',
  'Mithril',
  'Kryptonite',
  'Octiron',
  'Tiberium',
  'Naquadah',
  'Carbonadium',
  'Trinium',
  'Dr. Zarkov',
  'Professor Quibble',
  'Ada Wexley',
  'Elmer Fudd',
  'Orichalcum',
];
const UNKNOWN_PHRASES: ((x: string) => string)[] = [
  (x) => `What is the atomic mass of ${x}?`,
  (x) => `Who discovered ${x}?`,
  (x) => `What is the melting point of ${x}?`,
  (x) => `Which elements did ${x} discover?`,
  (x) => `Who named ${x}?`,
  (x) => `What is the boiling point of ${x}?`,
];
for (const name of UNKNOWN) add('unknown', pick(UNKNOWN_PHRASES)(name), []);

writeFileSync(join(here, 'bundle.json'), `${JSON.stringify(bundle, null, 1)}\n`);
writeFileSync(join(here, 'questions.json'), `${JSON.stringify(questions, null, 1)}\n`);
const counts = questions.reduce<Record<string, number>>(
  (m, q) => ({ ...m, [q.kind]: (m[q.kind] ?? 0) + 1 }),
  {},
);
process.stdout.write(
  `${bundle.entities!.length} entities, ${relationships.length} relationships, ${resources.length} resources; ${questions.length} questions ${JSON.stringify(counts)}\n`,
);
