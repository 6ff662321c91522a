/**
 * Builds a held-out check for the reasoning engine from a domain it was not developed on: the
 * `linguist-languages` npm package (MIT; GitHub Linguist's languages.yml). A knowledge bundle
 * (languages with aliases and attributes, their group, language type and interpreters) and ≥ 60
 * questions across the six kinds of the dev set. Deterministic: same package version, same
 * files. Run: `npx tsx test/eval/linguist/build.ts`.
 */
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AttributeValue, EntityInput, KnowledgeBundle, RelationshipInput } from '@rustygpt/core';
import { questionList } from '../lib/question-list';
import { neighbours, seeded } from '../lib/seeded';

interface RawLanguage {
  name: string;
  type: 'programming' | 'markup' | 'data' | 'prose';
  aceMode: string;
  extensions?: string[];
  filenames?: string[];
  languageId: number;
  tmScope: string;
  aliases?: string[];
  codemirrorMode?: string;
  color?: string;
  interpreters?: string[];
  group?: string;
}

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const all = require('linguist-languages') as Record<string, RawLanguage>;

const slug = (s: string): string =>
  s
    .toLowerCase()
    .replace(/\+/g, 'plus')
    .replace(/#/g, 'sharp')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

// ------------------------------------------------------------------ bundle

const groups = new Set(Object.values(all).flatMap((l) => (l.group ? [l.group] : [])));
const languages = Object.values(all)
  .filter((l) => l.aliases?.length || l.group || l.interpreters?.length || groups.has(l.name))
  .sort((a, b) => a.name.localeCompare(b.name));
const langKey = (name: string): string => `language:${slug(name)}`;
const TYPE_NAMES = { programming: 'Programming', markup: 'Markup', data: 'Data', prose: 'Prose' };

const entities = new Map<string, EntityInput>();
const relationships: RelationshipInput[] = [];
for (const [id, name] of Object.entries(TYPE_NAMES))
  entities.set(`kind:${id}`, { key: `kind:${id}`, type: 'language type', name });
for (const l of languages) {
  const attributes: Record<string, AttributeValue> = {
    language_id: l.languageId,
    ace_mode: l.aceMode,
    tm_scope: l.tmScope,
  };
  if (l.color) attributes.color = l.color;
  if (l.codemirrorMode) attributes.codemirror_mode = l.codemirrorMode;
  if (l.extensions?.length) attributes.file_extensions = l.extensions;
  if (l.filenames?.length) attributes.file_names = l.filenames;
  const aliases = (l.aliases ?? []).filter((a) => a.toLowerCase() !== l.name.toLowerCase());
  entities.set(langKey(l.name), {
    key: langKey(l.name),
    type: 'language',
    name: l.name,
    aliases,
    attributes,
  });
  relationships.push({
    from: langKey(l.name),
    to: `kind:${l.type}`,
    type: 'language_type',
    path: 'lang.language_type',
  });
  if (l.group && all[l.group] && l.group !== l.name)
    relationships.push({
      from: langKey(l.name),
      to: langKey(l.group),
      type: 'grouped under',
      path: 'lang.grouped_under',
    });
  for (const i of new Set(l.interpreters ?? [])) {
    const key = `interpreter:${slug(i)}`;
    if (!entities.has(key)) entities.set(key, { key, type: 'interpreter', name: i });
    relationships.push({
      from: langKey(l.name),
      to: key,
      type: 'interpreted_by',
      path: 'runtime.interpreted_by',
    });
  }
}
const bundle: KnowledgeBundle = { entities: [...entities.values()], relationships };

// ------------------------------------------------------------------ questions

const { random, pick, shuffle } = seeded(20261125);

const nameOf = (key: string): string => entities.get(key)!.name;
const { out, into } = neighbours(relationships);
/** Every spelling that names some entity (normalised): a subject must be unambiguous. */
const spellings = new Map<string, number>();
for (const e of entities.values())
  for (const s of new Set([e.name, ...(e.aliases ?? [])].map((x) => x.toLowerCase())))
    spellings.set(s, (spellings.get(s) ?? 0) + 1);
const plainName = (s: string): boolean =>
  /^[A-Za-z][A-Za-z0-9 ]{2,}$/.test(s) && spellings.get(s.toLowerCase()) === 1;
const langs = shuffle([...entities.values()].filter((e) => e.type === 'language' && plainName(e.name)));
const attr = (e: EntityInput, name: string): AttributeValue | undefined => e.attributes?.[name];

const { questions, add } = questionList();

// one-hop: attributes, the language type, the group, a yes/no
const attrTemplates: [string, string[]][] = [
  ['color', ['What is the color of {L}?', "What's {L}'s color?", 'Which color does {L} have?']],
  ['ace_mode', ['What is the ace mode of {L}?', 'Which Ace mode does {L} use?']],
  ['language_id', ['What is the language id of {L}?', "What's the language ID of {L}?"]],
  ['tm_scope', ['What is the TM scope of {L}?', 'Which tm scope does {L} have?']],
  ['codemirror_mode', ['What is the CodeMirror mode of {L}?', 'Which codemirror mode does {L} use?']],
];
let cursor = 0;
for (const [attribute, templates] of attrTemplates) {
  let n = 0;
  while (n < 2 && cursor < langs.length) {
    const e = langs[cursor++]!;
    const v = attr(e, attribute);
    if (v === undefined || Array.isArray(v) || v === 'none') continue;
    add('one-hop', pick(templates).replace('{L}', random() < 0.3 ? e.name.toLowerCase() : e.name), [
      String(v),
    ]);
    n++;
  }
}
for (let n = 0; n < 3; n++) {
  const e = langs[cursor++]!;
  const kind = out(e.key, 'language_type')[0]!;
  add(
    'one-hop',
    pick([
      'What type of language is {L}?',
      'What is the language type of {L}?',
      'Which language type is {L}?',
    ]).replace('{L}', e.name),
    [nameOf(kind)],
  );
}
const grouped = langs.filter(
  (e) => out(e.key, 'grouped under').length === 1 && plainName(nameOf(out(e.key, 'grouped under')[0]!)),
);
for (const e of grouped.slice(0, 3)) {
  add(
    'one-hop',
    pick(['Which language is {L} grouped under?', 'What is {L} grouped under?']).replace('{L}', e.name),
    [nameOf(out(e.key, 'grouped under')[0]!)],
  );
}
for (const e of grouped.slice(3, 5)) {
  add('one-hop', `Is ${e.name} grouped under ${nameOf(out(e.key, 'grouped under')[0]!)}?`, ['yes']);
}

// alias: the same asked by an alias
const aliased = shuffle([...entities.values()].filter((e) => e.type === 'language')).flatMap((e) =>
  (e.aliases ?? [])
    .filter((a) => /^[a-z][a-z0-9 ]{2,}$/i.test(a) && spellings.get(a.toLowerCase()) === 1)
    .map((a) => ({ e, a })),
);
const aliasTemplates: [string, string][] = [
  ['color', 'What is the color of {A}?'],
  ['ace_mode', 'Which ace mode does {A} use?'],
  ['language_id', 'What is the language id of {A}?'],
  ['tm_scope', "What's the tm scope of {A}?"],
];
const usedAlias = new Set<string>();
for (let i = 0, n = 0; n < 10 && i < aliased.length; i++) {
  const { e, a } = aliased[i]!;
  if (usedAlias.has(e.key)) continue;
  const [attribute, template] = aliasTemplates[n % aliasTemplates.length]!;
  const v = attr(e, attribute);
  if (v === undefined || Array.isArray(v)) continue;
  usedAlias.add(e.key);
  add('alias', template.replace('{A}', a), [String(v)]);
  n++;
}

// two-hop: through the group; through an interpreter that runs one language only
for (const e of grouped.slice(5, 11)) {
  const g = entities.get(out(e.key, 'grouped under')[0]!)!;
  const [attribute, template] = pick<[string, string]>([
    ['color', 'What is the color of the language that {L} is grouped under?'],
    ['ace_mode', 'What is the ace mode of the language {L} is grouped under?'],
    ['language_id', 'What is the language id of the language that {L} is grouped under?'],
  ]);
  const v = attr(g, attribute);
  if (v === undefined || Array.isArray(v)) continue;
  add('two-hop', template.replace('{L}', e.name), [String(v)]);
}
const interpreters = shuffle(
  [...entities.values()].filter((e) => e.type === 'interpreter' && plainName(e.name)),
);
const soloInterpreters = interpreters.filter((i) => into(i.key, 'interpreted_by').length === 1);
for (const i of soloInterpreters.slice(0, 5)) {
  const l = entities.get(into(i.key, 'interpreted_by')[0]!)!;
  const [attribute, template] = pick<[string, string]>([
    ['color', 'What is the color of the language interpreted by {I}?'],
    ['ace_mode', 'Which ace mode does the language interpreted by {I} use?'],
    ['language_id', 'What is the language id of the language that is interpreted by {I}?'],
  ]);
  const v = attr(l, attribute);
  if (v === undefined || Array.isArray(v)) continue;
  add('two-hop', template.replace('{I}', i.name), [String(v)]);
}

// list: both directions of interpreted_by and grouped under, a list attribute
for (const i of interpreters.filter((x) => into(x.key, 'interpreted_by').length >= 2).slice(0, 3)) {
  add(
    'list',
    pick(['Which languages are interpreted by {I}?', 'What languages does {I} interpret?']).replace(
      '{I}',
      i.name,
    ),
    into(i.key, 'interpreted_by').map(nameOf),
  );
}
for (const e of langs
  .filter((x) => out(x.key, 'interpreted_by').length >= 2 && out(x.key, 'interpreted_by').length <= 6)
  .slice(0, 3)) {
  add(
    'list',
    pick(['Which interpreters run {L}?', 'What is {L} interpreted by?']).replace('{L}', e.name),
    out(e.key, 'interpreted_by').map(nameOf),
  );
}
const groupHeads = shuffle(
  [...entities.values()].filter((e) => plainName(e.name) && into(e.key, 'grouped under').length >= 2),
);
for (const g of groupHeads.slice(0, 3)) {
  add(
    'list',
    pick(['Which languages are grouped under {G}?', 'What languages are grouped under {G}?']).replace(
      '{G}',
      g.name,
    ),
    into(g.key, 'grouped under').map(nameOf),
  );
}
for (const e of langs
  .filter((x) => {
    const v = attr(x, 'file_extensions');
    return Array.isArray(v) && v.length >= 2 && v.length <= 5;
  })
  .slice(0, 3)) {
  add(
    'list',
    pick(['What are the file extensions of {L}?', 'Which file extensions does {L} use?']).replace(
      '{L}',
      e.name,
    ),
    (attr(e, 'file_extensions') as string[]).map(String),
  );
}

// three-hop: two constraints (group + type, interpreter + type) pick one language, then an attribute
const typeWord = (k: string): string => nameOf(k).toLowerCase();
let three = 0;
const threeAttrs: [string, string][] = [
  ['ace_mode', 'What is the ace mode of'],
  ['color', 'What is the color of'],
  ['language_id', 'What is the language id of'],
];
const kinds = Object.keys(TYPE_NAMES).map((t) => `kind:${t}`);
for (const g of shuffle(
  [...entities.values()].filter((e) => plainName(e.name) && into(e.key, 'grouped under').length >= 2),
)) {
  if (three >= 6) break;
  const members = into(g.key, 'grouped under');
  for (const kind of kinds) {
    const hit = members.filter((m) => out(m, 'language_type')[0] === kind);
    if (hit.length !== 1) continue;
    const l = entities.get(hit[0]!)!;
    const [attribute, prefix] = threeAttrs[three % threeAttrs.length]!;
    const v = attr(l, attribute);
    if (v === undefined || Array.isArray(v)) continue;
    add('three-hop', `${prefix} the ${typeWord(kind)} language grouped under ${g.name}?`, [String(v)]);
    three++;
    break;
  }
}
for (const i of shuffle([...entities.values()].filter((e) => e.type === 'interpreter'))) {
  if (three >= 10) break;
  const runs = into(i.key, 'interpreted_by');
  if (runs.length < 2) continue;
  for (const kind of kinds) {
    const hit = runs.filter((m) => out(m, 'language_type')[0] === kind);
    if (hit.length !== 1) continue;
    const l = entities.get(hit[0]!)!;
    const v = attr(l, 'color');
    if (v === undefined) continue;
    add('three-hop', `Which color does the ${typeWord(kind)} language interpreted by ${i.name} have?`, [
      String(v),
    ]);
    three++;
    break;
  }
}
for (const i of interpreters) {
  if (three >= 10) break;
  const runs = new Set(into(i.key, 'interpreted_by'));
  if (runs.size < 2) continue;
  for (const g of groupHeads) {
    const hit = into(g.key, 'grouped under').filter((m) => runs.has(m));
    if (hit.length !== 1) continue;
    const v = attr(entities.get(hit[0]!)!, 'ace_mode');
    add(
      'three-hop',
      `Which ace mode does the language grouped under ${g.name} and interpreted by ${i.name} use?`,
      [String(v)],
    );
    three++;
    break;
  }
}
const multi = shuffle([...entities.values()].filter((e) => e.type === 'interpreter')).filter(
  (i) => into(i.key, 'interpreted_by').length >= 2,
);
for (let a = 0; a < multi.length && three < 10; a++) {
  for (let b = a + 1; b < multi.length && three < 10; b++) {
    const first = new Set(into(multi[a]!.key, 'interpreted_by'));
    const hit = into(multi[b]!.key, 'interpreted_by').filter((m) => first.has(m));
    if (hit.length !== 1) continue;
    const [attribute, prefix] = threeAttrs[three % threeAttrs.length]!;
    const v = attr(entities.get(hit[0]!)!, attribute);
    if (v === undefined || Array.isArray(v)) continue;
    add('three-hop', `${prefix} the language interpreted by both ${multi[a]!.name} and ${multi[b]!.name}?`, [
      String(v),
    ]);
    three++;
  }
}

// unknown: names that are in no bundle
const unknownNames = [
  'Zorblang',
  'Quuxscript',
  'Frobnitz',
  'Blarvex',
  'Snargle',
  'Wibbletalk',
  'Plonkium',
  'Drezzik',
];
const unknownTemplates = [
  'What is the color of {X}?',
  'Which interpreters run {X}?',
  'What is the ace mode of {X}?',
  'Which language is {X} grouped under?',
  'What type of language is {X}?',
  'What is the language id of {X}?',
  'What languages does {X} interpret?',
  'What are the file extensions of {X}?',
];
unknownNames.forEach((x, n) => add('unknown', unknownTemplates[n]!.replace('{X}', x), []));

writeFileSync(join(here, 'bundle.json'), `${JSON.stringify(bundle, null, 1)}\n`);
writeFileSync(join(here, 'questions.json'), `${JSON.stringify(questions, null, 1)}\n`);
const counts = Object.fromEntries(
  [...new Set(questions.map((q) => q.kind))].map((k) => [k, questions.filter((q) => q.kind === k).length]),
);
process.stdout.write(
  `${entities.size} entities, ${relationships.length} relationships, ${questions.length} questions ${JSON.stringify(counts)}\n`,
);
