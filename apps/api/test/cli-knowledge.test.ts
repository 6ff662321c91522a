/**
 * The knowledge commands as a user runs them: `ingest` (file, stdin, dry run), `entities`,
 * `retrieve --mode fulltext`, `ask` and `token`, over one embedded data directory.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, useCliSandbox } from './support/cli';
import { aKnowledgeBase } from './support/knowledge-builder';

const sandbox = useCliSandbox('api-cli-knowledge');
const bundle = aKnowledgeBase()
  .withCountry('France', { capital: 'Paris', population: 68_000_000, aliases: ['French Republic'] })
  .withCountry('Japan', { capital: 'Tokyo' })
  .withResource({
    uri: 'https://example.org/seine',
    title: 'Seine',
    text: 'The Seine is a river that flows through Paris to the English Channel.',
    entities: [{ key: 'city:paris' }],
  })
  .withResource({
    uri: 'https://example.org/violin',
    title: 'Violin',
    text: 'The violin is a string instrument played with a bow.',
  })
  .build();

describe('rustygpt ingest', () => {
  it('validates with --dry-run without writing, then imports from standard input', async () => {
    const file = sandbox.write('bundle.json', bundle);
    const dry = await runCli(['ingest', '--dry-run', file]);
    expect(dry).toMatchObject({ code: 0 });
    expect(dry.out).toMatch(/^valid: 4 entities, 2 relationships, 2 resources/);
    expect((await runCli(['entities', 'search', 'Paris'])).out).toBe('no entity matches "Paris"\n');

    const piped = await runCli(['ingest', '-'], { stdin: JSON.stringify(bundle) });
    expect(piped.code).toBe(0);
    expect(piped.out).toMatch(/^entities 4 created, 0 updated, 0 unchanged; relationships 2 created/);
    expect(piped.out).toMatch(/resources 2 created/);
  });

  it('names the file it cannot read, with exit code 2', async () => {
    const r = await runCli(['ingest', sandbox.write('bundle.json', bundle).replace(/bundle/, 'missing')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^error \[BAD_USER_INPUT\]: file: cannot read \/.*missing\.json: ENOENT\n$/);
  });
});

describe('rustygpt entities', () => {
  it('shows an entity with its aliases, attributes and relationships, by key or by id', async () => {
    const france = await runCli(['entities', 'show', 'country:france']);
    expect(france.code).toBe(0);
    const lines = france.out.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^France {2}\[Country\] {2}key=country:france {2}id=\d+ {2}state=active {2}v1$/);
    expect(lines.slice(1)).toEqual([
      '  aliases: French Republic',
      '  population: 68000000',
      '  -> capital -> city:paris (w=1)',
    ]);

    const search = await runCli(['entities', 'search', '--json', 'paris']);
    const [paris] = JSON.parse(search.out) as { id: number; key: string }[];
    expect(paris?.key).toBe('city:paris');
    const byId = await runCli(['entities', 'show', String(paris?.id)]);
    expect(byId.out).toContain('  is_capital: true\n  <- capital <- country:france (w=1)');
  });

  it('refuses a workspace that does not exist', async () => {
    const r = await runCli(['entities', 'search', 'Paris', '--workspace', 'nowhere']);
    expect(r.code).toBe(2);
    expect(r.err).toBe('error [BAD_USER_INPUT]: --workspace: no workspace with slug "nowhere"\n');
  });
});

describe('rustygpt retrieve --mode fulltext', () => {
  it('ranks the resources that mention the question, as text, JSON or JSON lines', async () => {
    const text = await runCli(['retrieve', '--mode', 'fulltext', 'Which river flows through Paris?']);
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/^1\. Seine {2}https:\/\/example\.org\/seine {2}\(\d+\.\d{4}\)\n/);

    const json = await runCli(['retrieve', '--mode', 'fulltext', '--json', '--k', '1', 'string instrument']);
    expect(JSON.parse(json.out)).toEqual({
      resources: [{ uri: 'https://example.org/violin', title: 'Violin', score: expect.any(Number) }],
    });

    const lines = await runCli(['retrieve', '--mode', 'fulltext', '--k', '1', '-'], {
      stdin: 'played with a bow\n\nflows through Paris\n',
    });
    expect(
      lines.out
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as { resources: { title: string }[] }).resources[0]?.title),
    ).toEqual(['Violin', 'Seine']);

    expect((await runCli(['retrieve', '--mode', 'fulltext', 'zebra quasar'])).out).toBe(
      'no resources found\n',
    );
  });

  it('rejects a bad --k or --mode with exit code 2', async () => {
    const k = await runCli(['retrieve', '--k', '0', 'anything']);
    expect(k).toMatchObject({
      code: 2,
      err: 'error [BAD_USER_INPUT]: --k: must be an integer from 1 to 100\n',
    });
    const mode = await runCli(['retrieve', '--mode', 'fuzzy', 'anything']);
    expect(mode).toMatchObject({
      code: 2,
      err: 'error [BAD_USER_INPUT]: --mode: must be one of dense, fulltext, hybrid\n',
    });
  });
});

describe('rustygpt ask', () => {
  it('streams the answer with its citations and run, and the trace on request', async () => {
    const r = await runCli(['ask', '--trace', 'What is the population of France?']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^The population of France is 68000000\.\n/);
    expect(r.out).toMatch(/\nCitations: \[entity \d+\] France\n/);
    expect(r.out).toMatch(/\nrun [0-9a-f-]{36} \(1 pass, \d+\.\d ms\)\n/);
    expect(r.out).toMatch(/\n {4}entity-identification ok /);
  });

  it('answers questions from standard input as JSON lines, with the trace when asked', async () => {
    const r = await runCli(['ask', '--json', '--trace', '-'], {
      stdin: 'What is the population of France?\n\nWhat is the population of Atlantis?\n',
    });
    expect(r.code, r.err).toBe(0);
    const lines = r.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { question: string; items: string[]; answer: string; trace: unknown[] });
    expect(lines.map((l) => l.question)).toEqual([
      'What is the population of France?',
      'What is the population of Atlantis?',
    ]);
    expect(lines[0]?.items).toEqual(['68000000']);
    expect(lines[1]?.answer).toMatch(/^I don't know/);
    for (const l of lines) expect(l.trace.length).toBeGreaterThan(0);
  });

  it('refuses an empty question with exit code 2', async () => {
    expect(await runCli(['ask', '  '])).toMatchObject({
      code: 2,
      out: '',
      err: 'error [BAD_USER_INPUT]: question: the question is empty\n',
    });
  });
});

describe('rustygpt token', () => {
  beforeAll(async () => {
    expect((await runCli(['token', 'list'])).out).toBe('no tokens\n');
  });

  it('creates a token for a named user, lists it, and shows it revoked afterwards', async () => {
    const created = await runCli(['token', 'create', '--user', 'github:4242', '--name', 'laptop']);
    expect(created.code).toBe(0);
    expect(created.err).toMatch(/^token (\S+) \(laptop\) for github:4242\nstore it now/);
    const id = /^token (\S+)/.exec(created.err)?.[1] ?? '';
    const secret = created.out.trim();

    const listed = await runCli(['token', 'list']);
    expect(listed.out).toContain(`${id}  ${secret.slice(0, 11)}…  laptop  active  created `);
    expect(listed.out).not.toContain(secret);

    expect((await runCli(['token', 'revoke', id])).out).toBe(`revoked ${id}\n`);
    expect((await runCli(['token', 'list'])).out).toMatch(/ {2}laptop {2}revoked \d{4}-/);
  });

  it('rejects an owner that is not provider:subject', async () => {
    const r = await runCli(['token', 'create', '--user', 'someone']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/use <provider>:<subject>, e\.g\. github:12345, or "local"/);
  });
});
