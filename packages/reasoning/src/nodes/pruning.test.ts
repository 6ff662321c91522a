import { describe, expect, it } from 'vitest';
import { aChemistryKnowledgeBase } from '../../test/support/chemistry-kb';
import { runNode, servicesFor, upTo } from '../../test/support/run-node';
import { pruningNode } from './pruning';

describe('pruning', () => {
  it('keeps only the facts on the answer path, updates the active set and batches usage tracking', async () => {
    const { kb, e } = aChemistryKnowledgeBase();
    const services = servicesFor(kb);
    const state = await upTo(services, 'Who discovered the alkali metal in period 3?', 'assessment');
    const { output, notes } = await runNode<'workingSet'>(pruningNode(services), state);
    const ws = output.workingSet;
    expect(ws.facts).toHaveLength(3);
    expect(ws.dropped.entities).toBeGreaterThan(0); // potassium, period-3 argon... explored but unused
    expect(services.activeSet.has(e.sodium.id)).toBe(true);
    expect(services.activeSet.has(e.potassium.id)).toBe(false);
    expect(notes.entityIds.sort()).toEqual([e.sodium.id, e.davy.id, e.alkali.id, e.period3.id].sort());
    expect(kb.tracked).toEqual([]); // batched, not written per question
    await services.references.flush();
    expect(kb.tracked).toEqual([expect.arrayContaining([e.sodium.id, e.davy.id])]);
  });

  it('keeps nothing for an unsupported answer', async () => {
    const { kb } = aChemistryKnowledgeBase();
    const services = servicesFor(kb);
    const state = await upTo(services, 'What is the atomic mass of Vibranium?', 'assessment', { level: 3 });
    const { output } = await runNode<'workingSet'>(pruningNode(services), state);
    expect(output.workingSet.facts).toEqual([]);
  });
});
