/**
 * Mutation-testing gate for meta-reasoning: the confidence it computes, the answer threshold at
 * its boundary, what it says is missing for each kind of question, when a pass counts as
 * complete, and what it records in the trace.
 */
import { describe, expect, it } from 'vitest';
import { assess, metaReasoningNode } from '../src/nodes/meta-reasoning';
import { createServices, DEFAULT_THRESHOLDS } from '../src/services';
import type { Assessment, Passage, PassMemory } from '../src/state';
import { aChemistryKnowledgeBase, aChemistryKnowledgeBaseWithAmbiguousMercury } from './support/chemistry-kb';
import { runNode, servicesFor, upTo } from './support/run-node';

type Input = Parameters<typeof assess>[0];

async function stateFor(question: string, memory: Partial<PassMemory> = {}): Promise<Input> {
  const s = await upTo(servicesFor(aChemistryKnowledgeBase().kb), question, 'resolution', memory);
  return s as Input;
}

const judge = (input: Input, answer = DEFAULT_THRESHOLDS.answer): Assessment =>
  assess(input, { answer, passageAnswer: DEFAULT_THRESHOLDS.passageAnswer });

const passage = (title: string | null, text: string, id = 7): Passage => ({
  resource: {
    id,
    workspaceId: 1,
    uri: `https://example.org/${id}`,
    title,
    contentType: 'text/plain',
    text,
    contentHash: null,
    fetchedAt: null,
  },
  text,
  score: 1,
  source: 'fulltext',
});

describe('meta-reasoning (mutation gate)', () => {
  it('records decision, status, confidence and reason in the trace', async () => {
    const kb = aChemistryKnowledgeBase().kb;
    const state = await upTo(servicesFor(kb), 'How many elements are noble gases?', 'resolution');
    const { output, notes } = await runNode<'assessment'>(metaReasoningNode(servicesFor(kb)), state);
    expect(output.assessment).toMatchObject({ decision: 'stop', status: 'answered', missing: [] });
    expect(notes.decision).toBe('stop');
    expect(notes.reason).toBe('answered (0.85): slots filled by members of Noble gas typed element');
    expect(notes.resourceIds).toEqual([]);
  });

  it('answers at exactly the threshold and goes deeper just above it, saying why', async () => {
    const input = await stateFor('How many elements are noble gases?');
    expect(judge(input, 0.85)).toMatchObject({ decision: 'stop', status: 'answered', confidence: 0.85 });
    const below = judge(input, 0.86);
    expect(below).toMatchObject({
      decision: 'deeper',
      status: 'insufficient',
      reason: 'level 1 insufficient',
    });
    expect(below.missing).toEqual(['confidence 0.85 below 0.86']);
    const kb = aChemistryKnowledgeBase().kb;
    const strict = createServices({ store: kb }, { thresholds: { answer: 0.9 } });
    const state = await upTo(strict, 'How many elements are noble gases?', 'resolution');
    const { notes } = await runNode<'assessment'>(metaReasoningNode(strict), state);
    expect(notes).toMatchObject({ decision: 'deeper', reason: 'insufficient (0.85): level 1 insufficient' });
  });

  it('scores the weakest mention times the mean term score, halved per unexplained name', async () => {
    const input = await stateFor('Who discovered hydrogen?');
    const [anchor] = input.slots.anchors;
    const [rel] = input.slots.relationTypes;
    const slots = {
      ...input.slots,
      anchors: [
        { ...anchor!, score: 0.9 },
        { ...anchor!, score: 0.5 },
      ],
      relationTypes: [
        { ...rel!, score: 0.8 },
        { ...rel!, score: 0.4 },
      ],
    };
    expect(judge({ ...input, slots }, 0).confidence).toBeCloseTo(0.5 * 0.6, 10);
    const unresolved = [
      { text: 'Zork', nameLike: true, start: 0, end: 1 },
      { text: 'blorf', nameLike: false, start: 1, end: 2 },
    ] as unknown as Input['identification']['unresolved'];
    const identification = { ...input.identification, unresolved };
    expect(judge({ ...input, slots, identification }, 0).confidence).toBeCloseTo(0.15, 10);
    // only the first attribute counts as a term
    const attrs = await stateFor('What is the atomic mass of hydrogen?');
    const [attr] = attrs.slots.attributes;
    const twoAttrs = {
      ...attrs.slots,
      attributes: [
        { ...attr!, score: 0.7 },
        { ...attr!, score: 0.1 },
      ],
    };
    expect(judge({ ...attrs, slots: twoAttrs }, 0).confidence).toBeCloseTo(0.7, 10);
    expect(judge({ ...attrs, slots: { ...twoAttrs, anchors: [] } }, 0).confidence).toBe(0);
  });

  it('names the missing attribute, link or reading for each kind of question', async () => {
    const attribute = await stateFor('What is the melting point of Hydrogen?');
    expect(judge({ ...attribute, slots: { ...attribute.slots, open: [] } }).missing).toEqual([
      'no melting point recorded for Hydrogen',
    ]);
    const yesno = await stateFor('Is hydrogen a noble gas?');
    expect(judge(yesno).missing).toEqual(['nothing in the knowledge base links Hydrogen, Noble gas']);
    const link = await stateFor('Who discovered hydrogen?');
    const empty = { ...link.resolution, targets: [], facts: [], values: [] };
    expect(judge({ ...link, resolution: empty }).missing).toEqual([
      'no discovered by link found from Hydrogen',
    ]);
    const vague = await stateFor('What about the blorf of hydrogen?');
    expect(judge({ ...vague, slots: { ...vague.slots, open: [] }, resolution: empty }).missing).toEqual([
      'could not tell what the question asks about Hydrogen (did not understand "blorf")',
    ]);
    expect(
      judge({
        ...vague,
        identification: { ...vague.identification, unresolved: [] },
        slots: { ...vague.slots, open: [] },
        resolution: empty,
      }).missing,
    ).toEqual(['could not tell what the question asks about Hydrogen']);
    const nothing = await stateFor('Tell me something');
    expect(judge(nothing).missing).toEqual(['no entity matching "something" in the knowledge base']);
    expect(judge({ ...nothing, slots: { ...nothing.slots, open: [] } }).missing).toEqual([
      'no entity named in the question',
    ]);
  });

  it('counts a pass complete only when it reached something beyond the anchors', async () => {
    const link = await stateFor('Who discovered hydrogen?');
    expect(judge(link).decision).toBe('stop');
    const onlyAnchor = { ...link.resolution, targets: [link.slots.anchors[0]!.entity] };
    expect(judge({ ...link, resolution: onlyAnchor }).decision).toBe('deeper');
    const itself = await stateFor('What is hydrogen?');
    expect(judge(itself).decision).toBe('stop');
    expect(judge({ ...itself, slots: { ...itself.slots, open: ['x'] } })).toMatchObject({
      decision: 'deeper',
      missing: ['x'],
    });
    const count = await stateFor('How many elements are noble gases?');
    const noLinks = {
      ...count.resolution,
      facts: count.resolution.facts.filter((f) => f.kind !== 'relationship'),
    };
    expect(judge({ ...count, resolution: noLinks }).decision).toBe('deeper');
    expect(judge({ ...count, resolution: { ...count.resolution, targets: [] } }).decision).toBe('deeper');
    const yesno = await stateFor('Is hydrogen a noble gas?');
    expect(judge({ ...yesno, resolution: { ...yesno.resolution, verdict: false } })).toMatchObject({
      decision: 'stop',
      status: 'answered',
    });
  });

  it('explains a backtrack by the ambiguous mention', async () => {
    const build = aChemistryKnowledgeBaseWithAmbiguousMercury;
    const s = await upTo(servicesFor(build().kb), 'What is the atomic number of Mercury?', 'resolution');
    const input = s as Input;
    expect(judge(input)).toMatchObject({
      decision: 'backtrack',
      status: 'insufficient',
      reason: 'ambiguous "Mercury": trying the alternative reading',
    });
    const noAlternative = input.slots.anchors.map((a) => ({ ...a, alternatives: [] }));
    expect(judge({ ...input, slots: { ...input.slots, anchors: noAlternative } }).decision).toBe('deeper');
    const notAmbiguous = input.slots.anchors.map((a) => ({ ...a, ambiguous: false }));
    expect(judge({ ...input, slots: { ...input.slots, anchors: notAmbiguous } }).decision).toBe('deeper');
  });

  it('at the last level, answers from a passage naming the subject and cites it', async () => {
    const kb = aChemistryKnowledgeBase().kb;
    const memory = {
      level: 3,
      passages: [passage('Vibranium', 'Vibranium was first isolated in 1943 in Wakanda.', 42)],
    };
    const state = await upTo(servicesFor(kb), 'When was Vibranium first isolated?', 'resolution', memory);
    const { output, notes } = await runNode<'assessment'>(metaReasoningNode(servicesFor(kb)), state);
    const a = output.assessment;
    expect(a).toMatchObject({ decision: 'stop', status: 'answered', missing: [] });
    expect(a.reason).toBe('extracted from https://example.org/42');
    expect(a.confidence).toBeGreaterThan(0);
    expect(a.confidence).toBeLessThanOrEqual(1);
    expect(a.confidence).toBeCloseTo(Math.min(1, a.passageAnswer!.score / 10), 10);
    expect(notes.resourceIds).toEqual([42]);
  });

  it('finds the subject in a passage title, and says when no passage names it or states it', async () => {
    const titled = await stateFor('When was Vibranium first isolated?', {
      level: 3,
      passages: [passage('Vibranium', 'It was first isolated in 1943 in Wakanda.')],
    });
    expect(judge(titled).status).toBe('answered');
    const unnamed = await stateFor('When was Vibranium first isolated?', {
      level: 3,
      passages: [passage(null, 'Hydrogen was first isolated in 1766.')],
    });
    expect(judge(unnamed)).toMatchObject({ status: 'unknown', decision: 'stop', confidence: 0 });
    expect(judge(unnamed).missing).toContain('no passage mentions "Vibranium"');
    const silent = await stateFor('When was Vibranium first isolated?', {
      level: 3,
      passages: [passage('Vibranium', 'Vibranium is a fictional metal.')],
    });
    expect(judge(silent)).toMatchObject({ status: 'unknown', reason: 'no strategy supports an answer' });
    expect(judge(silent).missing).toContain('no passage states it');
    expect(judge(silent).missing).not.toContain('no passage mentions "Vibranium"');
  });
});
