import { describe, expect, it } from 'vitest';
import {
  aChemistryKnowledgeBase,
  aChemistryKnowledgeBaseWithAmbiguousMercury,
} from '../../test/support/chemistry-kb';
import { servicesFor, upTo } from '../../test/support/run-node';
import type { Assessment, Passage, PassMemory } from '../state';

async function assess(
  question: string,
  memory: Partial<PassMemory> = {},
  build = aChemistryKnowledgeBase,
): Promise<Assessment> {
  return (await upTo(servicesFor(build().kb), question, 'assessment', memory)).assessment!;
}

const passage = (title: string, text: string): Passage => ({
  resource: {
    id: 1,
    workspaceId: 1,
    uri: `https://example.org/${title}`,
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

describe('meta-reasoning', () => {
  it('stops when every asked slot is filled', async () => {
    const a = await assess('Who discovered hydrogen?');
    expect(a).toMatchObject({ decision: 'stop', status: 'answered' });
    expect(a.confidence).toBeGreaterThan(0.5);
  });

  it('asks for a deeper pass while levels remain', async () => {
    expect(await assess('What is the atomic mass of Irno?')).toMatchObject({
      decision: 'deeper',
      status: 'insufficient',
    });
  });

  it('backtracks once when an ambiguous reading leads nowhere', async () => {
    const build = aChemistryKnowledgeBaseWithAmbiguousMercury;
    const first = await assess('What is the atomic number of Mercury?', {}, build);
    expect(first.decision).toBe('backtrack');
    const again = await assess('What is the atomic number of Mercury?', { history: ['backtrack'] }, build);
    expect(again.decision).toBe('deeper');
  });

  it('says what is missing instead of guessing at the last level', async () => {
    const a = await assess('What is the atomic mass of Vibranium?', { level: 3 });
    expect(a).toMatchObject({ decision: 'stop', status: 'unknown', passageAnswer: null });
    expect(a.missing.join()).toMatch(/Vibranium/);
  });

  it('accepts a passage answer only from passages naming what the question names', async () => {
    const wrong = await assess('When was Vibranium first isolated?', {
      level: 3,
      passages: [passage('Hydrogen', 'Hydrogen was first isolated in 1766 by Henry Cavendish.')],
    });
    expect(wrong.status).toBe('unknown');
    const right = await assess('When was Vibranium first isolated?', {
      level: 3,
      passages: [passage('Vibranium', 'Vibranium was first isolated in 1943 in Wakanda.')],
    });
    expect(right.status).toBe('answered');
    expect(right.passageAnswer?.text).toBe('1943');
  });
});
